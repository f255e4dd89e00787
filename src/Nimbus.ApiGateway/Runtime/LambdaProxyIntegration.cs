using Microsoft.Extensions.Logging;
using Nimbus.ApiGateway.Model;
using Nimbus.ApiGateway.Service;
using Nimbus.Core;
using Nimbus.Core.Invocation;

namespace Nimbus.ApiGateway.Runtime;

/// <summary>
/// AWS_PROXY to Lambda through the <see cref="IFunctionInvoker"/> seam. As on AWS: a function error, a missing
/// function or a malformed result is 500 <c>{"message":"Internal Server Error"}</c>, and a call that outlives the
/// integration timeout (default and maximum 30 s) is 503 <c>{"message":"Service Unavailable"}</c>.
/// </summary>
internal sealed class LambdaProxyIntegration
{
    private readonly IFunctionInvoker _invoker;
    private readonly TimeProvider _time;
    private readonly ILogger<LambdaProxyIntegration> _logger;

    public LambdaProxyIntegration(IFunctionInvoker invoker, TimeProvider time, ILogger<LambdaProxyIntegration> logger)
    {
        _invoker = invoker;
        _time = time;
        _logger = logger;
    }

    public async Task<GatewayResponse> InvokeAsync(GatewayRequest request, ApiIntegration integration, CancellationToken cancellationToken)
    {
        var uri = StageVariables.Substitute(integration.IntegrationUri ?? "", request.Stage.StageVariables);
        var function = IntegrationTarget.FunctionOf(uri);
        if (function is null)
        {
            LogMessages.IntegrationFailed(_logger, request.ApiId, integration.IntegrationId!, "not a Lambda function: " + uri);
            return GatewayResponse.InternalServerError();
        }
        var formatV2 = integration.PayloadFormatVersion == "2.0";
        var payload = formatV2 ? PayloadV2Writer.Event(request) : PayloadV1Writer.Event(request);
        var timeoutMs = integration.TimeoutInMillis ?? 30000;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(timeoutMs), _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        FunctionInvocationResult result;
        try
        {
            // WaitAsync: the gateway answers at its timeout even if the invocation itself runs on (as on AWS, where
            // the function keeps running to its own timeout after API Gateway has given up).
            result = await _invoker.InvokeAsync(new AwsScope(request.Api.AccountId, request.Api.Region),
                new FunctionInvocation(function, payload, InvocationKind.RequestResponse), linked.Token)
                .WaitAsync(TimeSpan.FromMilliseconds(timeoutMs), _time, cancellationToken);
        }
        catch (Exception error) when (error is TimeoutException || (error is OperationCanceledException && timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested))
        {
            LogMessages.IntegrationTimedOut(_logger, request.ApiId, integration.IntegrationId!, timeoutMs);
            return GatewayResponse.ServiceUnavailable();
        }
        catch (AwsServiceException error)
        {
            LogMessages.IntegrationFailed(_logger, request.ApiId, integration.IntegrationId!, error.ErrorCode + ": " + error.Message);
            return GatewayResponse.InternalServerError();
        }
        if (result.FunctionError is not null)
        {
            LogMessages.IntegrationFailed(_logger, request.ApiId, integration.IntegrationId!, "function error " + result.FunctionError);
            return GatewayResponse.InternalServerError();
        }
        var response = LambdaResponseMapper.Map(result.Payload.Span, formatV2);
        if (response is null)
        {
            LogMessages.IntegrationFailed(_logger, request.ApiId, integration.IntegrationId!, "malformed Lambda proxy response");
            return GatewayResponse.InternalServerError();
        }
        return response;
    }
}
