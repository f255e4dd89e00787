using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Nimbus.ApiGateway.RestApis.Model;
using Nimbus.ApiGateway.RestApis.Service;
using Nimbus.ApiGateway.Runtime;
using Nimbus.ApiGateway.Runtime.Authorization;
using Nimbus.Core;
using Nimbus.Core.Metering;

namespace Nimbus.ApiGateway.RestApis.Runtime;

/// <summary>
/// The data plane of REST APIs: <c>http://{restApiId}.execute-api.localhost:4566/{stage}/{path}</c> and the path form
/// <c>/_aws/execute-api/{restApiId}/{stage}/{path}</c>. In AWS's order: stage, resource and method (403 "Missing
/// Authentication Token" when none matches), the resource policy for unsigned callers, the stage's method throttle,
/// AWS_IAM (then the policy for the signer), Lambda or Cognito authorization, the API key and its usage plan, then
/// the integration. Requests that reach the integration are metered as
/// <c>ApiGatewayRequest</c> (AWS does not bill requests refused by authorization or throttling).
/// </summary>
internal sealed class RestApiEndpoint
{
    private readonly RestApiService _apis;
    private readonly ServedRestApis _served;
    private readonly ThrottleRegistry _throttles;
    private readonly IamAuthorization _iam;
    private readonly RestLambdaAuthorizer _authorizer;
    private readonly RestCognitoAuthorizer _cognito;
    private readonly ApiKeyGate _keys;
    private readonly RestLambdaProxy _lambda;
    private readonly RestHttpProxy _http;
    private readonly MappedIntegration _mapped;
    private readonly AccessLogWriter _accessLog;
    private readonly TimeProvider _time;
    private readonly ILogger<RestApiEndpoint> _logger;
    private readonly IUsageMeter? _meter;

    public RestApiEndpoint(RestApiService apis, ServedRestApis served, ThrottleRegistry throttles, IamAuthorization iam, RestLambdaAuthorizer authorizer,
        RestCognitoAuthorizer cognito, ApiKeyGate keys, RestLambdaProxy lambda, RestHttpProxy http, MappedIntegration mapped, AccessLogWriter accessLog, TimeProvider time,
        ILogger<RestApiEndpoint> logger, IUsageMeter? meter = null)
    {
        _apis = apis;
        _served = served;
        _throttles = throttles;
        _iam = iam;
        _authorizer = authorizer;
        _cognito = cognito;
        _keys = keys;
        _lambda = lambda;
        _http = http;
        _mapped = mapped;
        _accessLog = accessLog;
        _time = time;
        _logger = logger;
        _meter = meter;
    }

    /// <summary>Whether <paramref name="id"/> is a REST API (the execute-api endpoint serves HTTP APIs otherwise).</summary>
    public bool Serves(string id) => _apis.FindForDataPlane(id) is not null;

    public async Task HandleAsync(HttpContext http, string id, string path)
    {
        var started = _time.GetTimestamp();
        var requestId = Guid.NewGuid().ToString();
        var extendedId = GatewayRequestReader.NewRequestId();
        GatewayResponse response;
        RestRequest? request = null;
        try
        {
            (response, request) = await ServeAsync(http, id, path, requestId, extendedId);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (Exception exception)
        {
            LogMessages.Unhandled(_logger, exception, id, http.Request.Method, path);
            response = RestResponses.InternalServerError();
        }
        http.Response.Headers["x-amzn-RequestId"] = requestId;
        http.Response.Headers["x-amz-apigw-id"] = extendedId;
        if (!http.Response.HasStarted)
        {
            await response.WriteAsync(http.Response, http.RequestAborted);
        }
        if (request is not null)
        {
            var latency = _time.GetElapsedTime(started);
            _accessLog.Write(new AwsScope(request.AccountId, request.Api.Region), request.Stage.AccessLogSettings, request.ApiId, request.StageName, request.Time,
                name => RestContext.Variable(request, response, latency, name));
        }
    }

    private async Task<(GatewayResponse, RestRequest?)> ServeAsync(HttpContext http, string id, string path, string requestId, string extendedId)
    {
        var api = _apis.FindForDataPlane(id);
        var trimmed = path.TrimStart('/');
        var slash = trimmed.IndexOf('/');
        var stageName = slash < 0 ? trimmed : trimmed[..slash];
        if (api is null || api.Api.DisableExecuteApiEndpoint == true || !api.Stages.TryGetValue(stageName, out var stage)
            || stage.DeploymentId is null || _served.Deployment(id, stage.DeploymentId) is not { } deployment)
        {
            return (RestResponses.Forbidden(), null);
        }
        var stagePath = slash < 0 ? "/" : trimmed[slash..];
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (deployment.Match(http.Request.Method.ToUpperInvariant(), stagePath, parameters) is not var (resource, method))
        {
            return (RestResponses.MissingAuthenticationToken(), null);
        }
        var body = await GatewayRequestReader.ReadBodyAsync(http.Request, http.RequestAborted);
        if (body is null)
        {
            return (RestResponses.RequestTooLarge(), null);
        }
        var request = RestRequestReader.Read(http, api, stage, deployment, resource, method, path, stagePath, parameters, body, requestId, extendedId, _time.GetUtcNow());
        return (await RouteAsync(http, request), request);
    }

    private async Task<GatewayResponse> RouteAsync(HttpContext http, RestRequest request)
    {
        var method = request.MethodConfig;
        var authorizationType = method.AuthorizationType ?? "NONE";
        // Signed callers are judged by the policy once their signature is checked (below); everyone else first.
        var policy = PolicyDecision.NoMatch;
        if (authorizationType != "AWS_IAM"
            && ResourcePolicy.Check(request, null, needsAllow: authorizationType is not ("CUSTOM" or "COGNITO_USER_POOLS"), out policy) is { } policyRefusal)
        {
            return policyRefusal;
        }
        var settings = request.Stage.MethodSettings?.GetValueOrDefault(RestApiService.MethodSettingKey(request.ResourcePath, method.HttpMethod!))
            ?? request.Stage.MethodSettings?.GetValueOrDefault("*/*");
        if (settings is not null && !_throttles.TryAcquire(request.ApiId, request.StageName, method.HttpMethod + " " + request.ResourcePath,
                settings.ThrottlingRateLimit ?? ThrottleRegistry.AccountRate, settings.ThrottlingBurstLimit ?? ThrottleRegistry.AccountBurst))
        {
            return RestResponses.TooManyRequests();
        }
        var refusal = authorizationType switch
        {
            "AWS_IAM" => _iam.Check(http.Request, request)
                ?? ResourcePolicy.Check(request, request.CallerAccountId, needsAllow: request.CallerAccountId != request.AccountId, out _),
            "CUSTOM" when method.AuthorizerId is { } id && request.Deployment.Authorizers.TryGetValue(id, out var authorizer) =>
                await _authorizer.AuthorizeAsync(request, authorizer, policy == PolicyDecision.Allow, http.RequestAborted),
            "COGNITO_USER_POOLS" when method.AuthorizerId is { } id && request.Deployment.Authorizers.TryGetValue(id, out var authorizer)
                && authorizer.Type == "COGNITO_USER_POOLS" => await _cognito.AuthorizeAsync(request, authorizer, http.RequestAborted),
            "CUSTOM" or "COGNITO_USER_POOLS" => RestResponses.AuthorizerConfigurationError(),
            _ => null,
        };
        if (refusal is null && method.ApiKeyRequired == true)
        {
            refusal = _keys.Check(request);
        }
        if (refusal is not null)
        {
            return refusal;
        }
        _meter?.Record(new UsageRecord(new AwsScope(request.AccountId, request.Api.Region), "apigateway", "ApiGatewayRequest", request.ApiId, 1, request.Time));
        var integration = method.MethodIntegration;
        return integration?.Type switch
        {
            "AWS_PROXY" => await _lambda.InvokeAsync(request, integration, http.RequestAborted),
            "HTTP_PROXY" => await _http.InvokeAsync(request, integration, http.RequestAborted),
            "MOCK" or "HTTP" or "AWS" => await _mapped.InvokeAsync(request, integration, http.RequestAborted),
            _ => RestResponses.InternalServerError(),
        };
    }
}
