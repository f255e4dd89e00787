using System.Text.Json;
using Microsoft.Extensions.Logging;
using Nimbus.ApiGateway.Model;
using Nimbus.ApiGateway.Runtime;
using Nimbus.ApiGateway.Runtime.Authorization;
using Nimbus.ApiGateway.Service;
using Nimbus.Core;

namespace Nimbus.ApiGateway.WebSockets;

/// <summary>
/// Lambda REQUEST authorizers on a WebSocket <c>$connect</c> route. Identity sources are <c>route.request.header.x</c>,
/// <c>route.request.querystring.x</c>, <c>stageVariables.x</c> and <c>context.x</c>; one missing is 401 without a call.
/// The function gets AWS's WebSocket authorizer event (<c>type</c> REQUEST, <c>methodArn</c> ending in
/// <c>/$connect</c>, headers, query, stage variables, the CONNECT <c>requestContext</c>) and answers an IAM policy
/// (WebSocket APIs have no simple responses). Deny is 403 Forbidden, a failing authorizer 500. The principal and
/// <c>context</c> stay with the connection: every later event's <c>requestContext.authorizer</c> carries them.
/// </summary>
internal sealed class WebSocketAuthorizer
{
    private readonly LambdaRequestAuthorizer _lambda;
    private readonly AuthorizerCache _cache;
    private readonly TimeProvider _time;
    private readonly ILogger<WebSocketAuthorizer> _logger;

    public WebSocketAuthorizer(LambdaRequestAuthorizer lambda, AuthorizerCache cache, TimeProvider time, ILogger<WebSocketAuthorizer> logger)
    {
        _lambda = lambda;
        _cache = cache;
        _time = time;
        _logger = logger;
    }

    /// <summary>Null when the connection may proceed (with the authorizer's result recorded on it), else the refusal.</summary>
    public async Task<GatewayResponse?> AuthorizeAsync(WebSocketConnection connection, ApiStage stage, ApiAuthorizer authorizer, ConnectRequest request,
        CancellationToken cancellationToken)
    {
        var identity = new List<string>();
        foreach (var expression in authorizer.IdentitySource ?? [])
        {
            if (Resolve(expression, connection, stage, request) is not { Length: > 0 } value)
            {
                return GatewayResponse.Unauthorized();
            }
            identity.Add(value);
        }
        var ttl = identity.Count == 0 ? 0 : authorizer.AuthorizerResultTtlInSeconds ?? 0;
        var cacheKey = string.Join('\u001f', identity);
        var started = _time.GetTimestamp();
        var response = ttl > 0 ? _cache.Get(connection.ApiId, connection.Stage, authorizer.AuthorizerId!, cacheKey) : null;
        if (response is null)
        {
            var function = IntegrationTarget.FunctionOf(StageVariables.Substitute(authorizer.AuthorizerUri ?? "", stage.StageVariables));
            var result = function is null ? null : await _lambda.CallAsync(new AwsScope(connection.Api.AccountId, connection.Api.Region), function,
                WebSocketEvents.Authorizer(connection, request, MethodArn(connection), stage.StageVariables), connection.ApiId, authorizer.AuthorizerId!, cancellationToken);
            if (result is null || result.FunctionError is not null)
            {
                LogMessages.AuthorizerFailed(_logger, connection.ApiId, authorizer.AuthorizerId!, result is null ? "not invoked" : "function error " + result.FunctionError);
                return GatewayResponse.InternalServerError();
            }
            response = result.Payload.ToArray();
            if (ttl > 0)
            {
                _cache.Put(connection.ApiId, connection.Stage, authorizer.AuthorizerId!, cacheKey, response, ttl);
            }
        }
        return Decide(connection, authorizer, response, (long)_time.GetElapsedTime(started).TotalMilliseconds);
    }

    private GatewayResponse? Decide(WebSocketConnection connection, ApiAuthorizer authorizer, byte[] response, long latencyMs)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(response);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            root = default;
        }
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("policyDocument", out var policy) || policy.ValueKind != JsonValueKind.Object)
        {
            LogMessages.AuthorizerFailed(_logger, connection.ApiId, authorizer.AuthorizerId!, "the response is not an IAM policy response");
            return GatewayResponse.InternalServerError();
        }
        if (!PolicyEvaluator.Allows(policy, MethodArn(connection)))
        {
            return GatewayResponse.Forbidden();
        }
        connection.PrincipalId = root.TryGetProperty("principalId", out var principal) && principal.ValueKind == JsonValueKind.String ? principal.GetString() : null;
        connection.AuthorizerContext = root.TryGetProperty("context", out var context) && context.ValueKind == JsonValueKind.Object ? context : null;
        connection.AuthorizerLatencyMs = latencyMs;
        return null;
    }

    private static string MethodArn(WebSocketConnection connection) =>
        $"arn:aws:execute-api:{connection.Api.Region}:{connection.Api.AccountId}:{connection.ApiId}/{connection.Stage}/{ProtocolRules.Connect}";

    private static string? Resolve(string expression, WebSocketConnection connection, ApiStage stage, ConnectRequest request)
    {
        const string Header = "route.request.header.", Query = "route.request.querystring.", Stage = "stageVariables.", Context = "context.";
        if (expression.StartsWith(Header, StringComparison.OrdinalIgnoreCase))
        {
            var name = expression[Header.Length..];
            var values = request.Headers.Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).SelectMany(h => h.Value).ToList();
            return values.Count == 0 ? null : string.Join(',', values);
        }
        if (expression.StartsWith(Query, StringComparison.OrdinalIgnoreCase))
        {
            var name = expression[Query.Length..];
            return request.Query.LastOrDefault(q => q.Key == name).Value;
        }
        if (expression.StartsWith(Stage, StringComparison.Ordinal))
        {
            return stage.StageVariables?.GetValueOrDefault(expression[Stage.Length..]);
        }
        return expression.StartsWith(Context, StringComparison.Ordinal) ? expression[Context.Length..] switch
        {
            "apiId" => connection.ApiId,
            "stage" => connection.Stage,
            "connectionId" => connection.Id,
            "domainName" => connection.DomainName,
            "identity.sourceIp" => connection.Identity.SourceIp,
            "identity.userAgent" => connection.Identity.UserAgent,
            "routeKey" => ProtocolRules.Connect,
            _ => null,
        } : null;
    }
}
