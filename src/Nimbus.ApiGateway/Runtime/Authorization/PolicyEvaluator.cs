using System.Text.Json;
using System.Text.RegularExpressions;

namespace Nimbus.ApiGateway.Runtime.Authorization;

/// <summary>
/// The IAM policy a Lambda authorizer returns, evaluated for <c>execute-api:Invoke</c> on the route ARN: an explicit
/// Deny wins, then any Allow; nothing matching is a deny. <c>*</c> and <c>?</c> are wildcards in actions and resources.
/// </summary>
internal static class PolicyEvaluator
{
    public static bool Allows(JsonElement policy, string routeArn) => Evaluate(policy, routeArn) == PolicyDecision.Allow;

    /// <summary>Allow, an explicit Deny, or nothing matching (REST APIs word their 403 differently for the last two).</summary>
    public static PolicyDecision Evaluate(JsonElement policy, string routeArn)
    {
        if (!policy.TryGetProperty("Statement", out var statements))
        {
            return PolicyDecision.NoMatch;
        }
        var allowed = false;
        foreach (var statement in statements.ValueKind == JsonValueKind.Array ? statements.EnumerateArray() : Enumerable.Repeat(statements, 1))
        {
            if (!Matches(statement, "Action", "execute-api:Invoke") || !Matches(statement, "Resource", routeArn))
            {
                continue;
            }
            var effect = statement.TryGetProperty("Effect", out var e) ? e.GetString() : null;
            if (effect == "Deny")
            {
                return PolicyDecision.Deny;
            }
            allowed |= effect == "Allow";
        }
        return allowed ? PolicyDecision.Allow : PolicyDecision.NoMatch;
    }

    private static bool Matches(JsonElement statement, string member, string value)
    {
        if (!statement.TryGetProperty(member, out var patterns))
        {
            return false;
        }
        var list = patterns.ValueKind == JsonValueKind.Array ? patterns.EnumerateArray() : Enumerable.Repeat(patterns, 1);
        return list.Any(p => p.ValueKind == JsonValueKind.String && Glob(p.GetString()!, value));
    }

    /// <summary>IAM wildcards: <c>*</c> any run of characters, <c>?</c> one.</summary>
    public static bool Glob(string pattern, string value) =>
        Regex.IsMatch(value, "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
