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
        var call = await CallAsync(new AwsScope(request.Api.AccountId, request.Api.Region), function, payload, integration.TimeoutInMillis ?? 30000,
            request.ApiId, integration.IntegrationId!, cancellationToken);
        if (call.TimedOut)
        {
            return GatewayResponse.ServiceUnavailable();
        }
        if (call.Result is not { } result)
        {
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

    /// <summary>
    /// Invokes <paramref name="function"/> synchronously with the gateway's timeout. The gateway answers at its timeout
    /// even if the invocation itself runs on (as on AWS, where the function keeps running to its own timeout after API
    /// Gateway has given up). Shared by HTTP and REST APIs, which answer timeouts and failures differently.
    /// </summary>
    public async Task<FunctionCall> CallAsync(AwsScope scope, string function, byte[] payload, int timeoutMs, string apiId, string integrationId,
        CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(timeoutMs), _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            var result = await _invoker.InvokeAsync(scope, new FunctionInvocation(function, payload, InvocationKind.RequestResponse), linked.Token)
                .WaitAsync(TimeSpan.FromMilliseconds(timeoutMs), _time, cancellationToken);
            return new FunctionCall(result, TimedOut: false);
        }
        catch (Exception error) when (error is TimeoutException || (error is OperationCanceledException && timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested))
        {
            LogMessages.IntegrationTimedOut(_logger, apiId, integrationId, timeoutMs);
            return new FunctionCall(null, TimedOut: true);
        }
        catch (AwsServiceException error)
        {
            LogMessages.IntegrationFailed(_logger, apiId, integrationId, error.ErrorCode + ": " + error.Message);
            return new FunctionCall(null, TimedOut: false);
        }
    }
}
