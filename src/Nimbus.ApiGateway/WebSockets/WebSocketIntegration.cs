using Microsoft.Extensions.Logging;
using Nimbus.ApiGateway.Model;
using Nimbus.ApiGateway.Runtime;
using Nimbus.ApiGateway.Service;
using Nimbus.Core;
using Nimbus.Core.Invocation;

namespace Nimbus.ApiGateway.WebSockets;

/// <summary>
/// Calls a WebSocket route's integration: <c>AWS_PROXY</c> to Lambda with the WebSocket event (the function's result is
/// read like a proxy response — <c>statusCode</c>, <c>headers</c>, <c>body</c> — or, without <c>statusCode</c>, as the body
/// itself), and <c>MOCK</c>, which answers 200 with nothing. The integration timeout is at most 29 s.
/// </summary>
internal sealed class WebSocketIntegration
{
    private readonly IFunctionInvoker _invoker;
    private readonly TimeProvider _time;
    private readonly ILogger<WebSocketIntegration> _logger;

    public WebSocketIntegration(IFunctionInvoker invoker, TimeProvider time, ILogger<WebSocketIntegration> logger)
    {
        _invoker = invoker;
        _time = time;
        _logger = logger;
    }

    public async Task<IntegrationOutcome> InvokeAsync(ApiDocument api, ApiStage stage, ApiIntegration integration, byte[] payload, CancellationToken cancellationToken)
    {
        if (integration.IntegrationType == "MOCK")
        {
            return new IntegrationOutcome(new GatewayResponse(200), null);
        }
        var uri = StageVariables.Substitute(integration.IntegrationUri ?? "", stage.StageVariables);
        var function = integration.IntegrationType == "AWS_PROXY" ? IntegrationTarget.FunctionOf(uri) : null;
        if (function is null)
        {
            LogMessages.IntegrationFailed(_logger, api.Api.ApiId!, integration.IntegrationId!, $"{integration.IntegrationType} {uri} is not served for WebSocket APIs");
            return new IntegrationOutcome(null, null);
        }
        var timeoutMs = integration.TimeoutInMillis ?? 29000;
        var started = _time.GetTimestamp();
        try
        {
            var result = await _invoker.InvokeAsync(new AwsScope(api.AccountId, api.Region), new FunctionInvocation(function, payload, InvocationKind.RequestResponse), cancellationToken)
                .WaitAsync(TimeSpan.FromMilliseconds(timeoutMs), _time, cancellationToken);
            var latency = _time.GetElapsedTime(started);
            if (result.FunctionError is not null)
            {
                LogMessages.IntegrationFailed(_logger, api.Api.ApiId!, integration.IntegrationId!, "function error " + result.FunctionError);
                return new IntegrationOutcome(null, latency);
            }
            var response = result.Payload.Length == 0 ? new GatewayResponse(200) : LambdaResponseMapper.Map(result.Payload.Span, formatV2: true);
            if (response is null)
            {
                LogMessages.IntegrationFailed(_logger, api.Api.ApiId!, integration.IntegrationId!, "malformed Lambda proxy response");
            }
            return new IntegrationOutcome(response, latency);
        }
        catch (TimeoutException)
        {
            LogMessages.IntegrationTimedOut(_logger, api.Api.ApiId!, integration.IntegrationId!, timeoutMs);
            return new IntegrationOutcome(null, _time.GetElapsedTime(started));
        }
        catch (AwsServiceException error)
        {
            LogMessages.IntegrationFailed(_logger, api.Api.ApiId!, integration.IntegrationId!, error.ErrorCode + ": " + error.Message);
            return new IntegrationOutcome(null, _time.GetElapsedTime(started));
        }
    }
}
