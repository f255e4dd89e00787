using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Nimbus.ApiGateway.Model;
using Nimbus.ApiGateway.Monitoring;
using Nimbus.ApiGateway.Runtime;
using Nimbus.ApiGateway.Runtime.Authorization;
using Nimbus.ApiGateway.Service;

namespace Nimbus.ApiGateway.WebSockets;

/// <summary>
/// The data plane of WebSocket APIs: <c>ws://{apiId}.execute-api.localhost:4566/{stage}</c> (and the path form
/// <c>/_aws/execute-api/{apiId}/{stage}</c>). A handshake runs the <c>$connect</c> route (authorization, then the
/// integration: a non-2xx answer refuses the upgrade with that status); then each message is routed by the API's
/// selection expression (falling back to <c>$default</c>); when the connection ends, <c>$disconnect</c> runs. The
/// same host serves <c>/{stage}/@connections/{connectionId}</c>, the management API functions push with.
/// </summary>
internal sealed partial class WebSocketGateway
{
    /// <summary>How long a client gets to answer a close the server started before the socket is dropped.</summary>
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(5);

    private readonly HttpApiService _service;
    private readonly ServedApis _served;
    private readonly ConnectionRegistry _connections;
    private readonly WebSocketIntegration _integration;
    private readonly IamAuthorizer _iam;
    private readonly WebSocketAuthorizer _authorizer;
    private readonly WebSocketApiKeys _keys;
    private readonly ConnectionsApi _connectionsApi;
    private readonly MessageSender _sender;
    private readonly ApiGatewayMetrics _metrics;
    private readonly WebSocketLimits _limits;
    private readonly TimeProvider _time;
    private readonly ILogger<WebSocketGateway> _logger;

    public WebSocketGateway(HttpApiService service, ServedApis served, ConnectionRegistry connections, WebSocketIntegration integration, IamAuthorizer iam,
        WebSocketAuthorizer authorizer, WebSocketApiKeys keys, ConnectionsApi connectionsApi, MessageSender sender, ApiGatewayMetrics metrics, WebSocketLimits limits,
        TimeProvider time, ILogger<WebSocketGateway> logger)
    {
        _authorizer = authorizer;
        _keys = keys;
        _service = service;
        _served = served;
        _connections = connections;
        _integration = integration;
        _iam = iam;
        _connectionsApi = connectionsApi;
        _sender = sender;
        _metrics = metrics;
        _limits = limits;
        _time = time;
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext http, ApiDocument api, string path)
    {
        var segments = path.Trim('/').Split('/');
        if (segments.Length == 3 && segments[1] == "@connections")
        {
            await _connectionsApi.HandleHostedAsync(http, api.Api.ApiId!, segments[0], Uri.UnescapeDataString(segments[2]));
            return;
        }
        if (api.Api.DisableExecuteApiEndpoint == true || segments.Length != 1 || !api.Stages.TryGetValue(segments[0], out var stage)
            || stage.DeploymentId is not { } deploymentId || _served.Deployment(api.Api.ApiId!, deploymentId) is not { } deployment)
        {
            await GatewayResponse.Forbidden().WriteAsync(http.Response, http.RequestAborted);
            return;
        }
        if (!WebSocketHandshake.IsUpgrade(http))
        {
            // A plain HTTP request to a WebSocket stage: API Gateway wants the upgrade.
            await GatewayResponse.Message(426, "Upgrade Required").WriteAsync(http.Response, http.RequestAborted);
            return;
        }
        await ConnectAsync(http, api, stage, deployment);
    }

    private async Task ConnectAsync(HttpContext http, ApiDocument api, ApiStage stage, CompiledDeployment deployment)
    {
        var now = _time.GetUtcNow();
        var apiId = api.Api.ApiId!;
        var host = http.Request.Host.Host;
        var domainName = host.StartsWith(apiId + ".", StringComparison.OrdinalIgnoreCase) ? host : apiId + ".execute-api.localhost";
        var identity = new ConnectionIdentity(GatewayRequestReader.SourceIpOf(http.Connection.RemoteIpAddress), http.Request.Headers.UserAgent.ToString());
        var connection = new WebSocketConnection(WebSocketIds.New(), api, stage.StageName!, domainName, identity, now);
        var requestId = WebSocketIds.New();
        http.Response.Headers["apigw-requestid"] = requestId;

        var (refusal, subProtocol) = await RunConnectRouteAsync(http, connection, stage, deployment, requestId, now);
        if (refusal is not null)
        {
            await refusal.WriteAsync(http.Response, http.RequestAborted);
            connection.Dispose();
            return;
        }
        connection.Attach(await WebSocketHandshake.AcceptAsync(http, SubProtocolOf(http, subProtocol), keepAlive: TimeSpan.FromSeconds(30)));
        _connections.Add(connection);
        WebSocketLogMessages.Connected(_logger, apiId, connection.Id);
        using var ended = new CancellationTokenSource();
        var watchdog = WatchAsync(connection, ended.Token);
        (int Code, string Reason) close;
        try
        {
            close = await ReceiveAsync(connection);
        }
        finally
        {
            _connections.Remove(connection);
            await ended.CancelAsync();
            await watchdog;
        }
        await RunDisconnectRouteAsync(connection, close);
        _metrics.ConnectionClosed(api, _time.GetUtcNow() - connection.ConnectedAt);
        connection.Dispose();
    }

    /// <summary>The subprotocol the client offered and <c>$connect</c>'s answer named (AWS passes the function's header through).</summary>
    private static string? SubProtocolOf(HttpContext http, string? chosen) =>
        chosen is not null && http.Request.Headers.SecWebSocketProtocol.ToString().Split(',', StringSplitOptions.TrimEntries).Contains(chosen) ? chosen : null;

    /// <summary>
    /// Authorization and the <c>$connect</c> integration: no refusal lets the client in (with the subprotocol the
    /// function chose, if any); a refusal is what the client gets instead of the upgrade.
    /// </summary>
    private async Task<(GatewayResponse? Refusal, string? SubProtocol)> RunConnectRouteAsync(HttpContext http, WebSocketConnection connection, ApiStage stage, CompiledDeployment deployment,
        string requestId, DateTimeOffset now)
    {
        if (!deployment.RoutesByKey.TryGetValue(ProtocolRules.Connect, out var route))
        {
            // No $connect route: every client may connect.
            return (null, null);
        }
        var api = connection.Api;
        switch (route.AuthorizationType)
        {
            case "AWS_IAM":
                var (outcome, _) = _iam.Authorize(http.Request, []);
                if (!outcome.IsAllowed)
                {
                    _metrics.WebSocket(api, connection.Stage, "ClientError");
                    return (outcome.Refusal, null);
                }
                break;
        }
        var headers = HandshakeHeaders(http, connection, now);
        var query = GatewayRequestReader.ParseQuery(http.Request.QueryString.HasValue ? http.Request.QueryString.Value![1..] : "");
        var request = new ConnectRequest(requestId, now, headers, query);
        if (route.AuthorizationType == "CUSTOM")
        {
            var refusal = route.AuthorizerId is { } authorizerId && deployment.Authorizers.GetValueOrDefault(authorizerId) is { } authorizer
                ? await _authorizer.AuthorizeAsync(connection, stage, authorizer, request, http.RequestAborted)
                : GatewayResponse.InternalServerError();
            if (refusal is not null)
            {
                _metrics.WebSocket(api, connection.Stage, refusal.StatusCode >= 500 ? "ExecutionError" : "ClientError");
                return (refusal, null);
            }
        }
        if (route.ApiKeyRequired == true && _keys.Check(connection, request) is { } keyRefusal)
        {
            _metrics.WebSocket(api, connection.Stage, "ClientError");
            return (keyRefusal, null);
        }
        if (deployment.IntegrationOf(route) is not { } integration)
        {
            return (null, null);
        }
        var payload = WebSocketEvents.Connect(connection, requestId, now, headers, query);
        _metrics.WebSocket(api, connection.Stage, "ConnectCount");
        var result = await _integration.InvokeAsync(api, stage, integration, payload, http.RequestAborted);
        Measure(connection, result);
        if (result.Response is not { } response)
        {
            return (GatewayResponse.Message(502, "Internal server error"), null);
        }
        if (!result.IsSuccess)
        {
            return (response, null);
        }
        return (null, response.Headers.FirstOrDefault(h => h.Key.Equals("Sec-WebSocket-Protocol", StringComparison.OrdinalIgnoreCase)).Value);
    }

    private async Task RunDisconnectRouteAsync(WebSocketConnection connection, (int Code, string Reason) close)
    {
        WebSocketLogMessages.Disconnected(_logger, connection.ApiId, connection.Id, close.Code);
        if (Current(connection) is not var (stage, deployment) || !deployment.RoutesByKey.TryGetValue(ProtocolRules.Disconnect, out var route)
            || deployment.IntegrationOf(route) is not { } integration)
        {
            return;
        }
        var now = _time.GetUtcNow();
        var payload = WebSocketEvents.Disconnect(connection, WebSocketIds.New(), now, close.Code, close.Reason);
        // Best effort, as on AWS: the client is gone and nobody waits for the answer.
        Measure(connection, await _integration.InvokeAsync(connection.Api, stage, integration, payload, CancellationToken.None));
    }

    /// <summary>The integration metrics of one call: latency, and whether calling it failed or it answered 4XX/5XX.</summary>
    private void Measure(WebSocketConnection connection, IntegrationOutcome result)
    {
        if (result.Latency is { } latency)
        {
            _metrics.WebSocket(connection.Api, connection.Stage, "IntegrationLatency", latency.TotalMilliseconds);
        }
        if (result.Failed)
        {
            _metrics.WebSocket(connection.Api, connection.Stage, "ExecutionError");
        }
        else if (result.Response!.StatusCode >= 400)
        {
            _metrics.WebSocket(connection.Api, connection.Stage, "IntegrationError");
        }
    }

    /// <summary>The stage and deployment serving the connection now (a redeploy applies to open connections, as on AWS).</summary>
    private (ApiStage Stage, CompiledDeployment Deployment)? Current(WebSocketConnection connection)
    {
        var api = _service.FindForDataPlane(connection.ApiId);
        if (api is null || !api.Stages.TryGetValue(connection.Stage, out var stage) || stage.DeploymentId is not { } deploymentId)
        {
            return null;
        }
        return _served.Deployment(connection.ApiId, deploymentId) is { } deployment ? (stage, deployment) : null;
    }

    /// <summary>The handshake's headers as the CONNECT event has them: names as sent, plus what API Gateway adds.</summary>
    private static List<KeyValuePair<string, List<string>>> HandshakeHeaders(HttpContext http, WebSocketConnection connection, DateTimeOffset now)
    {
        var headers = new List<KeyValuePair<string, List<string>>>();
        foreach (var (name, values) in http.Request.Headers)
        {
            if (name.Equals("Connection", StringComparison.OrdinalIgnoreCase) || name.Equals("Upgrade", StringComparison.OrdinalIgnoreCase))
            {
                // API Gateway's edge consumes the hop-by-hop upgrade headers.
                continue;
            }
            headers.Add(name.Equals("Host", StringComparison.OrdinalIgnoreCase)
                ? new("Host", [connection.DomainName])
                : new(name, [.. values.Where(v => v is not null).Select(v => v!)]));
        }
        var port = (http.Request.Host.Port ?? http.Connection.LocalPort).ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers.Add(new("X-Amzn-Trace-Id", [GatewayRequestReader.TraceId(now)]));
        headers.Add(new("X-Forwarded-For", [connection.Identity.SourceIp]));
        headers.Add(new("X-Forwarded-Port", [port]));
        headers.Add(new("X-Forwarded-Proto", [http.Request.IsHttps ? "https" : "http"]));
        return headers;
    }
}
