using System.Net;
using System.Text.Json;
using Nimbus.ApiGateway.RestApis.Service;
using Nimbus.ApiGateway.Runtime;
using Nimbus.ApiGateway.Runtime.Authorization;

namespace Nimbus.ApiGateway.RestApis.Runtime;

/// <summary>
/// REST API resource policies for <c>execute-api:Invoke</c>: statements for everyone or for named callers (see
/// <see cref="PolicyPrincipals"/>), resources as full ARNs or AWS's short form <c>execute-api:/{stage}/{METHOD}/{path}</c> with
/// <c>*</c>/<c>?</c> wildcards, and the conditions <c>IpAddress</c>/<c>NotIpAddress</c> on <c>aws:SourceIp</c> (CIDRs)
/// and <c>StringEquals</c>/<c>StringNotEquals</c> on <c>aws:SourceVpce</c> (Nimbus has no VPC endpoints). A refusal is
/// AWS's 403 "User: {anonymous|caller ARN} is not authorized …".
/// </summary>
internal static class ResourcePolicy
{
    /// <summary>The policy as stored, or BadRequestException when it is not a policy document.</summary>
    public static string? Validate(string? policy)
    {
        if (string.IsNullOrWhiteSpace(policy))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(policy);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("Statement", out var statements)
                && Statements(statements).All(s => s.ValueKind == JsonValueKind.Object
                    && s.TryGetProperty("Effect", out var effect) && effect.GetString() is "Allow" or "Deny"
                    && (s.TryGetProperty("Action", out _) || s.TryGetProperty("NotAction", out _))))
            {
                return policy;
            }
        }
        catch (JsonException)
        {
        }
        throw RestErrors.BadRequest("Invalid policy document. Please check the policy syntax and ensure that Principals are valid.");
    }

    /// <summary>
    /// What the API's policy says about this request from <paramref name="callerAccountId"/> (null: anonymous):
    /// an explicit Deny wins, then any Allow; no policy, or no statement that applies, is <see cref="PolicyDecision.NoMatch"/>.
    /// </summary>
    public static PolicyDecision Evaluate(RestRequest request, string? callerAccountId)
    {
        if (request.Api.Api.Policy is not { } text)
        {
            return PolicyDecision.NoMatch;
        }
        var arn = request.RouteArn;
        using var document = JsonDocument.Parse(text);
        if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("Statement", out var statements))
        {
            return PolicyDecision.NoMatch;
        }
        var decision = PolicyDecision.NoMatch;
        foreach (var statement in Statements(statements))
        {
            if (!PolicyPrincipals.AppliesTo(statement, callerAccountId) || !Matches(statement, "Action", "execute-api:Invoke", null)
                || !Matches(statement, "Resource", arn, request) || !ConditionsHold(statement, request))
            {
                continue;
            }
            if (statement.TryGetProperty("Effect", out var effect) && effect.GetString() == "Deny")
            {
                return PolicyDecision.Deny;
            }
            decision = PolicyDecision.Allow;
        }
        return decision;
    }

    /// <summary>
    /// The policy's verdict as API Gateway combines it with the method's authorization ("How API Gateway resource
    /// policies affect authorization workflow"): an explicit Deny always refuses. Without other authorization the
    /// policy must allow; a signed caller of another account (AWS_IAM) needs the policy to allow it too, while one of
    /// the API's own account is allowed by its identity (Nimbus callers are root principals). Lambda and Cognito
    /// authorizers decide the rest themselves. Null when the request may go on.
    /// </summary>
    public static GatewayResponse? Check(RestRequest request, string? callerAccountId, bool needsAllow, out PolicyDecision decision)
    {
        decision = Evaluate(request, callerAccountId);
        if (request.Api.Api.Policy is null)
        {
            return null;
        }
        return decision == PolicyDecision.Deny || needsAllow && decision != PolicyDecision.Allow
            ? Denied(request, callerAccountId, explicitDeny: decision == PolicyDecision.Deny)
            : null;
    }

    private static GatewayResponse Denied(RestRequest request, string? callerAccountId, bool explicitDeny)
    {
        // AWS masks all but the last four digits of the account, and capitalizes Message in this one answer.
        var masked = $"arn:aws:execute-api:{request.Api.Region}:********{request.AccountId[^4..]}:{request.ApiId}/{request.StageName}/{request.Method}{request.StagePath}";
        var response = new GatewayResponse(403)
        {
            Body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
            {
                ["Message"] = $"User: {PolicyPrincipals.CallerName(callerAccountId)} is not authorized to perform: execute-api:Invoke on resource: {masked}"
                    + (explicitDeny ? " with an explicit deny" : ""),
            }),
        };
        response.Headers.Add(new("Content-Type", "application/json"));
        response.Headers.Add(new("x-amzn-ErrorType", "AccessDeniedException"));
        return response;
    }

    private static IEnumerable<JsonElement> Statements(JsonElement statements) =>
        statements.ValueKind == JsonValueKind.Array ? statements.EnumerateArray() : Enumerable.Repeat(statements, 1);

    private static List<string> Values(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Array => [.. element.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)],
        _ => [],
    };

    private static bool Matches(JsonElement statement, string member, string value, RestRequest? request)
    {
        if (statement.TryGetProperty(member, out var patterns))
        {
            return Values(patterns).Any(p => PolicyEvaluator.Glob(Expand(p, request), value));
        }
        return statement.TryGetProperty("Not" + member, out var excluded) && !Values(excluded).Any(p => PolicyEvaluator.Glob(Expand(p, request), value));
    }

    /// <summary><c>execute-api:/prod/GET/pets</c> is short for this API's ARN.</summary>
    private static string Expand(string pattern, RestRequest? request) =>
        request is not null && pattern.StartsWith("execute-api:/", StringComparison.Ordinal)
            ? $"arn:aws:execute-api:{request.Api.Region}:{request.AccountId}:{request.ApiId}/{pattern["execute-api:/".Length..]}"
            : pattern;

    private static bool ConditionsHold(JsonElement statement, RestRequest request)
    {
        if (!statement.TryGetProperty("Condition", out var conditions))
        {
            return true;
        }
        foreach (var condition in conditions.EnumerateObject())
        {
            foreach (var key in condition.Value.EnumerateObject())
            {
                var values = Values(key.Value);
                var holds = (condition.Name, key.Name.ToLowerInvariant()) switch
                {
                    ("IpAddress", "aws:sourceip") => values.Any(cidr => InRange(request.SourceIp, cidr)),
                    ("NotIpAddress", "aws:sourceip") => !values.Any(cidr => InRange(request.SourceIp, cidr)),
                    ("StringEquals", "aws:sourcevpce" or "aws:sourcevpc") => false,
                    ("StringNotEquals", "aws:sourcevpce" or "aws:sourcevpc") => true,
                    _ => false,
                };
                if (!holds)
                {
                    return false;
                }
            }
        }
        return true;
    }

    private static bool InRange(string ip, string cidr) =>
        IPAddress.TryParse(ip, out var address) && (IPNetwork.TryParse(cidr, out var network) ? network.Contains(address)
            : IPAddress.TryParse(cidr, out var single) && single.Equals(address));
}
