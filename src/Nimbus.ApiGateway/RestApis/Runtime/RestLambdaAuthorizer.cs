using System.Buffers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Nimbus.ApiGateway.RestApis.Model;
using Nimbus.ApiGateway.RestApis.Service;
using Nimbus.ApiGateway.Runtime;
using Nimbus.ApiGateway.Runtime.Authorization;
using Nimbus.ApiGateway.Service;
using Nimbus.Core;

namespace Nimbus.ApiGateway.RestApis.Runtime;

/// <summary>
/// Lambda TOKEN and REQUEST authorizers of REST APIs. A missing identity (or a token failing
/// <c>identityValidationExpression</c>) is 401 without a call. The function answers an IAM policy, evaluated against
/// the request's <c>methodArn</c> (also when it came from the cache, keyed by the identity for
/// <c>authorizerResultTtlInSeconds</c>): Allow passes, an explicit Deny or no match is 403, an error named
/// <c>Unauthorized</c> is 401, and anything else (a failure, a malformed answer) is 500 <c>{"message":null}</c>.
/// </summary>
internal sealed class RestLambdaAuthorizer
{
    private readonly LambdaRequestAuthorizer _invoker;
    private readonly AuthorizerCache _cache;
    private readonly TimeProvider _time;
    private readonly ILogger<RestLambdaAuthorizer> _logger;

    public RestLambdaAuthorizer(LambdaRequestAuthorizer invoker, AuthorizerCache cache, RestApiService apis, TimeProvider time, ILogger<RestLambdaAuthorizer> logger)
    {
        _invoker = invoker;
        _cache = cache;
        _time = time;
        _logger = logger;
        apis.Changed += cache.Forget;
        apis.AuthorizerCacheFlushed += cache.Forget;
    }

    /// <summary>
    /// Null when allowed (the request then carries the principal and context), else the refusal. A function policy
    /// that neither allows nor denies the method is enough when the API's resource policy allows it (AWS's table A).
    /// </summary>
    public async Task<GatewayResponse?> AuthorizeAsync(RestRequest request, RestAuthorizer authorizer, bool resourcePolicyAllows, CancellationToken cancellationToken)
    {
        var identity = IdentityOf(request, authorizer);
        if (identity is null)
        {
            return RestResponses.Unauthorized();
        }
        var ttl = authorizer.AuthorizerResultTtlInSeconds ?? 300;
        var started = _time.GetTimestamp();
        var response = ttl > 0 ? _cache.Get(request.ApiId, request.StageName, authorizer.Id!, identity) : null;
        if (response is null)
        {
            var function = IntegrationTarget.FunctionOf(StageVariables.Substitute(authorizer.AuthorizerUri ?? "", request.StageVariables));
            if (function is null)
            {
                return RestResponses.AuthorizerConfigurationError();
            }
            var payload = authorizer.Type == "TOKEN" ? TokenEvent(request, identity) : PayloadV1Writer.AuthorizerEvent(request, identitySource: null);
            var result = await _invoker.CallAsync(new AwsScope(request.AccountId, request.Api.Region), function, payload, request.ApiId, authorizer.Id!, cancellationToken);
            if (result is null)
            {
                return RestResponses.AuthorizerConfigurationError();
            }
            if (result.FunctionError is not null)
            {
                // A function that fails with the message "Unauthorized" asks for 401 (AWS's documented convention).
                return ErrorMessageOf(result.Payload.Span) == "Unauthorized" ? RestResponses.Unauthorized() : Failed(request, authorizer, "function error " + result.FunctionError);
            }
            response = result.Payload.ToArray();
            request.AuthorizerLatencyMs = (long)_time.GetElapsedTime(started).TotalMilliseconds;
            if (ttl > 0)
            {
                _cache.Put(request.ApiId, request.StageName, authorizer.Id!, identity, response, ttl);
            }
        }
        return Decide(request, authorizer, response, resourcePolicyAllows);
    }

    /// <summary>
    /// The identity the authorizer is keyed on: a TOKEN authorizer's header (checked against the validation expression);
    /// a REQUEST authorizer's sources joined (empty when it has none). Null when a source is missing.
    /// </summary>
    private static string? IdentityOf(RestRequest request, RestAuthorizer authorizer)
    {
        var sources = (authorizer.IdentitySource ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var values = new List<string>(sources.Length);
        foreach (var source in sources)
        {
            var value = source switch
            {
                _ when source.StartsWith("method.request.header.", StringComparison.Ordinal) => request.Header(source["method.request.header.".Length..]),
                _ when source.StartsWith("method.request.querystring.", StringComparison.Ordinal) => request.QueryValue(source["method.request.querystring.".Length..]),
                _ when source.StartsWith("stageVariables.", StringComparison.Ordinal) => request.StageVariables?.GetValueOrDefault(source["stageVariables.".Length..]),
                _ when source.StartsWith("context.", StringComparison.Ordinal) => RestContext.Variable(request, source["context.".Length..]),
                _ => null,
            };
            if (string.IsNullOrEmpty(value))
            {
                return null;
            }
            values.Add(value);
        }
        if (authorizer.Type == "TOKEN" && authorizer.IdentityValidationExpression is { } pattern
            && !Regex.IsMatch(values[0], "^(?:" + pattern + ")$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
        {
            return null;
        }
        return string.Join('\u001f', values);
    }

    private static byte[] TokenEvent(RestRequest request, string token)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "TOKEN");
            json.WriteString("authorizationToken", token);
            json.WriteString("methodArn", request.RouteArn);
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private GatewayResponse? Decide(RestRequest request, RestAuthorizer authorizer, byte[] response, bool resourcePolicyAllows)
    {
        using var document = ParseOrNull(response);
        var root = document?.RootElement;
        if (root is not { ValueKind: JsonValueKind.Object } answer || !answer.TryGetProperty("policyDocument", out var policy) || policy.ValueKind != JsonValueKind.Object
            || !answer.TryGetProperty("principalId", out var principal) || principal.ValueKind != JsonValueKind.String)
        {
            return Failed(request, authorizer, "the answer needs a principalId and a policyDocument");
        }
        var decision = PolicyEvaluator.Evaluate(policy, request.RouteArn);
        if (decision == PolicyDecision.Deny || decision == PolicyDecision.NoMatch && !resourcePolicyAllows)
        {
            return RestResponses.AccessDenied(explicitDeny: decision == PolicyDecision.Deny);
        }
        request.PrincipalId = principal.GetString();
        if (answer.TryGetProperty("context", out var context) && context.ValueKind == JsonValueKind.Object)
        {
            // Context values must be strings, numbers or booleans; objects and arrays make the authorizer invalid.
            if (context.EnumerateObject().Any(p => p.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array))
            {
                return Failed(request, authorizer, "context values must be strings, numbers or booleans");
            }
            request.AuthorizerContext = context.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
        }
        request.UsageIdentifierKey = answer.TryGetProperty("usageIdentifierKey", out var key) && key.ValueKind == JsonValueKind.String ? key.GetString() : null;
        return null;
    }

    private GatewayResponse Failed(RestRequest request, RestAuthorizer authorizer, string reason)
    {
        LogMessages.AuthorizerFailed(_logger, request.ApiId, authorizer.Id!, reason);
        return RestResponses.AuthorizerConfigurationError();
    }

    private static string? ErrorMessageOf(ReadOnlySpan<byte> payload)
    {
        using var document = ParseOrNull(payload.ToArray());
        return document?.RootElement is { ValueKind: JsonValueKind.Object } error && error.TryGetProperty("errorMessage", out var message)
            && message.ValueKind == JsonValueKind.String ? message.GetString() : null;
    }

    private static JsonDocument? ParseOrNull(byte[] json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
