using System.Text.Json;
using Microsoft.Extensions.Logging;
using Nimbus.ApiGateway.Model;
using Nimbus.ApiGateway.Service;
using Nimbus.Core;
using Nimbus.Core.Invocation;

namespace Nimbus.ApiGateway.Runtime.Authorization;

/// <summary>
/// Lambda REQUEST authorizers of HTTP APIs. A missing identity source is 401 without a call; otherwise the function
/// gets the format-1.0 or 2.0 authorizer event and answers either a simple response
/// (<c>{"isAuthorized": true, "context": {…}}</c>, with EnableSimpleResponses) or an IAM policy
/// (<c>principalId</c>, <c>policyDocument</c>, <c>context</c>). Denied is 403 <c>{"message":"Forbidden"}</c>; a failing
/// authorizer is 500. The context reaches the integration as <c>requestContext.authorizer.lambda</c>.
/// </summary>
internal sealed class LambdaRequestAuthorizer
{
    /// <summary>API Gateway waits at most 10 seconds for an authorizer.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly IFunctionInvoker _invoker;
    private readonly AuthorizerCache _cache;
    private readonly TimeProvider _time;
    private readonly ILogger<LambdaRequestAuthorizer> _logger;

    public LambdaRequestAuthorizer(IFunctionInvoker invoker, AuthorizerCache cache, TimeProvider time, ILogger<LambdaRequestAuthorizer> logger)
    {
        _invoker = invoker;
        _cache = cache;
        _time = time;
        _logger = logger;
    }

    public async Task<AuthorizationOutcome> AuthorizeAsync(GatewayRequest request, ApiAuthorizer authorizer, CancellationToken cancellationToken)
    {
        var identity = IdentitySources.ResolveAll(authorizer.IdentitySource, request);
        if (identity is null)
        {
            return new AuthorizationOutcome(GatewayResponse.Unauthorized());
        }
        var ttl = authorizer.AuthorizerResultTtlInSeconds ?? 0;
        var cacheKey = string.Join('\u001f', identity);
        var response = ttl > 0 ? _cache.Get(request.ApiId, request.StageName, authorizer.AuthorizerId!, cacheKey) : null;
        if (response is null)
        {
            response = await InvokeAsync(request, authorizer, identity, cancellationToken);
            if (response is null)
            {
                return new AuthorizationOutcome(GatewayResponse.InternalServerError());
            }
            if (ttl > 0)
            {
                _cache.Put(request.ApiId, request.StageName, authorizer.AuthorizerId!, cacheKey, response, ttl);
            }
        }
        return Decide(request, authorizer, response);
    }

    private async Task<byte[]?> InvokeAsync(GatewayRequest request, ApiAuthorizer authorizer, List<string> identity, CancellationToken cancellationToken)
    {
        var function = IntegrationTarget.FunctionOf(StageVariables.Substitute(authorizer.AuthorizerUri!, request.Stage.StageVariables));
        if (function is null)
        {
            return null;
        }
        var payload = authorizer.AuthorizerPayloadFormatVersion == "1.0"
            ? PayloadV1Writer.AuthorizerEvent(request, identity)
            : PayloadV2Writer.AuthorizerEvent(request, identity);
        var result = await CallAsync(new AwsScope(request.Api.AccountId, request.Api.Region), function, payload, request.ApiId, authorizer.AuthorizerId!, cancellationToken);
        if (result?.FunctionError is not null)
        {
            LogMessages.AuthorizerFailed(_logger, request.ApiId, authorizer.AuthorizerId!, "function error " + result.FunctionError);
            return null;
        }
        return result?.Payload.ToArray();
    }

    /// <summary>
    /// Invokes an authorizer function with API Gateway's 10-second limit; null when it timed out or could not be invoked
    /// (logged). Shared with REST API authorizers, which read function errors themselves.
    /// </summary>
    public async Task<FunctionInvocationResult?> CallAsync(AwsScope scope, string function, byte[] payload, string apiId, string authorizerId,
        CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            return await _invoker.InvokeAsync(scope, new FunctionInvocation(function, payload, InvocationKind.RequestResponse), linked.Token)
                .WaitAsync(Timeout, _time, cancellationToken);
        }
        catch (Exception error) when (error is TimeoutException || (error is OperationCanceledException && timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested))
        {
            LogMessages.AuthorizerFailed(_logger, apiId, authorizerId, "timed out");
        }
        catch (AwsServiceException error)
        {
            LogMessages.AuthorizerFailed(_logger, apiId, authorizerId, error.ErrorCode + ": " + error.Message);
        }
        return null;
    }

    private AuthorizationOutcome Decide(GatewayRequest request, ApiAuthorizer authorizer, byte[] response)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(response);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            LogMessages.AuthorizerFailed(_logger, request.ApiId, authorizer.AuthorizerId!, "the response is not JSON");
            return new AuthorizationOutcome(GatewayResponse.InternalServerError());
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new AuthorizationOutcome(GatewayResponse.InternalServerError());
        }
        bool allowed;
        if (authorizer.EnableSimpleResponses == true)
        {
            if (!root.TryGetProperty("isAuthorized", out var verdict) || verdict.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                LogMessages.AuthorizerFailed(_logger, request.ApiId, authorizer.AuthorizerId!, "simple response without a boolean isAuthorized");
                return new AuthorizationOutcome(GatewayResponse.InternalServerError());
            }
            allowed = verdict.ValueKind == JsonValueKind.True;
        }
        else
        {
            if (!root.TryGetProperty("policyDocument", out var policy) || policy.ValueKind != JsonValueKind.Object)
            {
                LogMessages.AuthorizerFailed(_logger, request.ApiId, authorizer.AuthorizerId!, "IAM response without a policyDocument");
                return new AuthorizationOutcome(GatewayResponse.InternalServerError());
            }
            allowed = PolicyEvaluator.Allows(policy, request.RouteArn);
            request.PrincipalId = root.TryGetProperty("principalId", out var principal) ? principal.GetString() : null;
        }
        if (!allowed)
        {
            return new AuthorizationOutcome(GatewayResponse.Forbidden());
        }
        request.LambdaAuthorizerContext = root.TryGetProperty("context", out var context) && context.ValueKind == JsonValueKind.Object
            ? context
            : JsonDocument.Parse("{}").RootElement.Clone();
        return AuthorizationOutcome.Allowed;
    }
}
