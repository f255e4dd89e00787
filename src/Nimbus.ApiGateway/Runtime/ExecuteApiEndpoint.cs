using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Nimbus.ApiGateway.Model;
using Nimbus.ApiGateway.Monitoring;
using Nimbus.ApiGateway.RestApis.Runtime;
using Nimbus.ApiGateway.Runtime.Authorization;
using Nimbus.ApiGateway.Service;
using Nimbus.ApiGateway.WebSockets;
using Nimbus.Core;
using Nimbus.Core.Metering;
using Nimbus.Protocol.Routing;

namespace Nimbus.ApiGateway.Runtime;

/// <summary>
/// The data plane of HTTP APIs: <c>http://{apiId}.execute-api.localhost:4566/{stage}/…</c> (no stage segment for
/// <c>$default</c>) and the path form <c>/_aws/execute-api/{apiId}/{stage}/…</c>. Stage, route (AWS precedence),
/// CORS preflight, throttling, authorizer, integration — in AWS's order, with AWS's error bodies.
/// </summary>
internal sealed class ExecuteApiEndpoint : IHostedEndpointHandler
{
    private readonly HttpApiService _service;
    private readonly ServedApis _served;
    private readonly ThrottleRegistry _throttles;
    private readonly JwtAuthorizer _jwt;
    private readonly LambdaRequestAuthorizer _lambdaAuthorizer;
    private readonly LambdaProxyIntegration _lambda;
    private readonly HttpProxyIntegration _http;
    private readonly TimeProvider _time;
    private readonly AccessLogWriter _accessLog;
    private readonly IUsageMeter? _meter;
    private readonly WebSocketGateway _webSockets;
    private readonly IamAuthorizer _iam;
    private readonly ApiGatewayMetrics _metrics;
    private readonly ILogger<ExecuteApiEndpoint> _logger;
    private readonly RestApiEndpoint? _restApis;

    public ExecuteApiEndpoint(HttpApiService service, ServedApis served, ThrottleRegistry throttles, JwtAuthorizer jwt,
        LambdaRequestAuthorizer lambdaAuthorizer, LambdaProxyIntegration lambda, HttpProxyIntegration http, AccessLogWriter accessLog,
        TimeProvider time, ILogger<ExecuteApiEndpoint> logger, WebSocketGateway webSockets, IamAuthorizer iam, ApiGatewayMetrics metrics,
        IUsageMeter? meter = null, RestApiEndpoint? restApis = null)
    {
        _restApis = restApis;
        _webSockets = webSockets;
        _iam = iam;
        _metrics = metrics;
        _service = service;
        _served = served;
        _throttles = throttles;
        _jwt = jwt;
        _lambdaAuthorizer = lambdaAuthorizer;
        _lambda = lambda;
        _http = http;
        _accessLog = accessLog;
        _time = time;
        _logger = logger;
        _meter = meter;
    }

    public string HostLabel => "execute-api";

    public string PathPrefix => "/_aws/execute-api/";

    public async Task HandleAsync(HttpContext http, string id, string path)
    {
        if (_restApis?.Serves(id) == true)
        {
            await _restApis.HandleAsync(http, id, path);
            return;
        }
        if (_service.FindForDataPlane(id) is { Api.ProtocolType: "WEBSOCKET" } webSocketApi)
        {
            await _webSockets.HandleAsync(http, webSocketApi, path);
            return;
        }
        GatewayResponse response;
        GatewayRequest? request = null;
        var started = _time.GetTimestamp();
        try
        {
            (response, request) = await ServeAsync(http, id, path);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (Exception exception)
        {
            LogMessages.Unhandled(_logger, exception, id, http.Request.Method, path);
            response = GatewayResponse.InternalServerError();
        }
        if (request is not null)
        {
            // Published before the answer leaves, so a client that has its response can already read the metrics.
            _metrics.HttpRequest(request.Api, request.StageName, response.StatusCode, _time.GetElapsedTime(started), request.IntegrationLatency,
                request.Body.Length + response.Body.Length);
        }
        http.Response.Headers["apigw-requestid"] = request?.RequestId ?? GatewayRequestReader.NewRequestId();
        if (!http.Response.HasStarted)
        {
            await response.WriteAsync(http.Response, http.RequestAborted);
        }
        if (request is not null)
        {
            _accessLog.Write(request, response, _time.GetElapsedTime(started));
        }
    }

    private async Task<(GatewayResponse, GatewayRequest?)> ServeAsync(HttpContext http, string id, string path)
    {
        var api = _service.FindForDataPlane(id);
        if (api is null || api.Api.ProtocolType != "HTTP" || api.Api.DisableExecuteApiEndpoint == true || SelectStage(api, path) is not var (stage, stagePath))
        {
            return (GatewayResponse.NotFound(), null);
        }
        var deployment = stage.DeploymentId is { } deploymentId ? _served.Deployment(id, deploymentId) : null;
        if (deployment is null)
        {
            return (GatewayResponse.NotFound(), null);
        }
        var body = await GatewayRequestReader.ReadBodyAsync(http.Request, http.RequestAborted);
        if (body is null)
        {
            return (GatewayResponse.Message(413, "Request Entity Too Large"), null);
        }
        var request = GatewayRequestReader.Read(http, api, stage, deployment, path, stagePath, body, _time.GetUtcNow());
        var response = await RouteAsync(http, request, http.RequestAborted);
        if (api.Api.CorsConfiguration is { } cors && !CorsPolicy.IsPreflight(request))
        {
            CorsPolicy.Decorate(cors, request, response);
        }
        _meter?.Record(new UsageRecord(new AwsScope(api.AccountId, api.Region), "apigateway", "ApiGatewayHttpRequest", id, 1, request.Time));
        return (response, request);
    }

    private async Task<GatewayResponse> RouteAsync(HttpContext http, GatewayRequest request, CancellationToken cancellationToken)
    {
        if (request.Api.Api.CorsConfiguration is { } cors && CorsPolicy.IsPreflight(request))
        {
            return CorsPolicy.Preflight(cors, request);
        }
        var route = request.Deployment.Match(request.Method, request.StagePath, out var parameters);
        if (route is null)
        {
            return GatewayResponse.NotFound();
        }
        request.Route = route;
        request.PathParameters = parameters;
        if (!_throttles.TryAcquire(request))
        {
            return GatewayResponse.TooManyRequests();
        }
        AuthorizationOutcome authorization;
        if (route.AuthorizationType == "AWS_IAM")
        {
            (authorization, request.CallerAccessKey) = _iam.Authorize(http.Request, request.Body);
        }
        else
        {
            authorization = await AuthorizeAsync(request, route, cancellationToken);
        }
        if (!authorization.IsAllowed)
        {
            return authorization.Refusal!;
        }
        var integration = request.Deployment.IntegrationOf(route);
        var integrationStarted = _time.GetTimestamp();
        var response = integration?.IntegrationType switch
        {
            "AWS_PROXY" => await _lambda.InvokeAsync(request, integration, cancellationToken),
            "HTTP_PROXY" => await _http.InvokeAsync(request, integration, cancellationToken),
            _ => null,
        };
        request.IntegrationLatency = response is null ? null : _time.GetElapsedTime(integrationStarted);
        return response ?? GatewayResponse.InternalServerError();
    }

    private Task<AuthorizationOutcome> AuthorizeAsync(GatewayRequest request, ApiRoute route, CancellationToken cancellationToken)
    {
        var authorizer = route.AuthorizerId is { } authorizerId ? request.Deployment.Authorizers.GetValueOrDefault(authorizerId) : null;
        return route.AuthorizationType switch
        {
            "JWT" when authorizer is not null => _jwt.AuthorizeAsync(request, authorizer, route, cancellationToken),
            "CUSTOM" when authorizer is not null => _lambdaAuthorizer.AuthorizeAsync(request, authorizer, cancellationToken),
            "JWT" or "CUSTOM" => Task.FromResult(new AuthorizationOutcome(GatewayResponse.InternalServerError())),
            _ => Task.FromResult(AuthorizationOutcome.Allowed),
        };
    }

    /// <summary>A named stage when the first segment names one; otherwise <c>$default</c> with the whole path.</summary>
    private static (ApiStage Stage, string StagePath)? SelectStage(ApiDocument api, string path)
    {
        var trimmed = path.TrimStart('/');
        var slash = trimmed.IndexOf('/');
        var first = slash < 0 ? trimmed : trimmed[..slash];
        if (first.Length > 0 && first != RouteKeys.Default && api.Stages.TryGetValue(first, out var named))
        {
            return (named, slash < 0 ? "/" : trimmed[slash..]);
        }
        return api.Stages.TryGetValue(RouteKeys.Default, out var stage) ? (stage, path.Length == 0 ? "/" : path) : null;
    }
}
