using System.Text.Json;

namespace Nimbus.ApiGateway.RestApis.Runtime;

/// <summary>
/// Whom a resource-policy statement is about. <c>"*"</c> and <c>{"AWS": "*"}</c> are everyone, anonymous callers
/// included; an account id, <c>arn:aws:iam::{account}:root</c> or an IAM ARN names a SigV4-signed caller (Nimbus's
/// callers are their account's root principal, so user and role ARNs match nobody); <c>NotPrincipal</c> is everyone
/// else. Service and federated principals never call execute-api directly, so they match nobody.
/// </summary>
internal static class PolicyPrincipals
{
    /// <summary>Whether the statement applies to <paramref name="callerAccountId"/> (null: an unsigned, anonymous caller).</summary>
    public static bool AppliesTo(JsonElement statement, string? callerAccountId)
    {
        if (statement.TryGetProperty("Principal", out var principal))
        {
            return Names(principal, callerAccountId);
        }
        return statement.TryGetProperty("NotPrincipal", out var excluded) && !Names(excluded, callerAccountId);
    }

    /// <summary>The ARN AWS puts in a refusal for this caller: <c>anonymous</c> or its root principal.</summary>
    public static string CallerName(string? callerAccountId) => callerAccountId is null ? "anonymous" : RootArn(callerAccountId);

    private static string RootArn(string accountId) => $"arn:aws:iam::{accountId}:root";

    private static bool Names(JsonElement principal, string? callerAccountId)
    {
        if (principal.ValueKind == JsonValueKind.String)
        {
            return principal.GetString() == "*";
        }
        if (principal.ValueKind != JsonValueKind.Object || !principal.TryGetProperty("AWS", out var aws))
        {
            return false;
        }
        var names = aws.ValueKind == JsonValueKind.Array ? aws.EnumerateArray() : Enumerable.Repeat(aws, 1);
        foreach (var name in names.Where(n => n.ValueKind == JsonValueKind.String).Select(n => n.GetString()!))
        {
            if (name == "*" || callerAccountId is not null && (name == callerAccountId || name == RootArn(callerAccountId)))
            {
                return true;
            }
        }
        return false;
    }
}
