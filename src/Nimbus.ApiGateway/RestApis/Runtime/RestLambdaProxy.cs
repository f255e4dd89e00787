using Microsoft.Extensions.Logging;
using Nimbus.ApiGateway.RestApis.Model;
using Nimbus.ApiGateway.Runtime;
using Nimbus.ApiGateway.Service;
using Nimbus.Core;

namespace Nimbus.ApiGateway.RestApis.Runtime;

/// <summary>
/// AWS_PROXY to Lambda for REST APIs: the payload-1.0 event, the function's <c>statusCode</c>/<c>headers</c>/
/// <c>multiValueHeaders</c>/<c>body</c> back. As AWS answers: a function error or malformed result is 502
/// <c>{"message": "Internal server error"}</c>, a function that cannot be invoked is 500, and one that outlives the
/// integration timeout (default and maximum 29 s) is 504 "Endpoint request timed out". A base64 body is decoded only
/// when the Accept header or the response's Content-Type is one of the API's binary media types.
/// </summary>
internal sealed class RestLambdaProxy
{
    private readonly LambdaProxyIntegration _lambda;
    private readonly ILogger<RestLambdaProxy> _logger;

    public RestLambdaProxy(LambdaProxyIntegration lambda, ILogger<RestLambdaProxy> logger)
    {
        _lambda = lambda;
        _logger = logger;
    }

    public async Task<GatewayResponse> InvokeAsync(RestRequest request, RestIntegration integration, CancellationToken cancellationToken)
    {
        var integrationId = request.ResourceId + "/" + request.MethodConfig.HttpMethod;
        var uri = StageVariables.Substitute(integration.Uri ?? "", request.StageVariables);
        if (IntegrationTarget.FunctionOf(uri) is not { } function)
        {
            LogMessages.IntegrationFailed(_logger, request.ApiId, integrationId, "not a Lambda function: " + uri);
            return RestResponses.InternalServerError();
        }
        var call = await _lambda.CallAsync(new AwsScope(request.AccountId, request.Api.Region), function, PayloadV1Writer.Event(request),
            integration.TimeoutInMillis ?? 29000, request.ApiId, integrationId, cancellationToken);
        if (call.TimedOut)
        {
            return RestResponses.EndpointTimeout();
        }
        if (call.Result is not { } result)
        {
            return RestResponses.InternalServerError();
        }
        if (result.FunctionError is not null)
        {
            LogMessages.IntegrationFailed(_logger, request.ApiId, integrationId, "function error " + result.FunctionError);
            return RestResponses.BadGateway();
        }
        var response = LambdaResponseMapper.Map(result.Payload.Span, formatV2: false, out var base64);
        if (response is null)
        {
            LogMessages.IntegrationFailed(_logger, request.ApiId, integrationId, "malformed Lambda proxy response");
            return RestResponses.BadGateway();
        }
        var contentType = response.Headers.LastOrDefault(h => h.Key.Equals("content-type", StringComparison.OrdinalIgnoreCase)).Value;
        if (base64 && !BinaryMedia.Matches(request.Api.Api.BinaryMediaTypes, request.Header("accept"))
            && !BinaryMedia.Matches(request.Api.Api.BinaryMediaTypes, contentType))
        {
            // Without a binary media type the text the function returned goes out as it is.
            response.Body = System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(response.Body.Span));
        }
        if (contentType is null)
        {
            response.Headers.Add(new("Content-Type", "application/json"));
        }
        return response;
    }
}
