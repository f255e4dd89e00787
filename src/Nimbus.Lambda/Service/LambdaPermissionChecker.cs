using System.Text.RegularExpressions;
using Nimbus.Core;
using Nimbus.Core.Invocation;
using Nimbus.Lambda.Model;

namespace Nimbus.Lambda.Service;

/// <summary>
/// The <see cref="IFunctionPermissionChecker"/> seam: reads the function's resource-based policy as Lambda evaluates it
/// for a service principal. A statement grants when its principal is the service (or <c>*</c>), its action covers
/// <c>lambda:InvokeFunction</c>, and its conditions hold: <c>AWS:SourceArn</c> is ArnLike (<c>*</c> and <c>?</c> wildcards),
/// <c>AWS:SourceAccount</c> StringEquals. A policy belongs to one qualifier: the unqualified function's statements do
/// not cover an alias ARN, as on AWS.
/// </summary>
internal sealed class LambdaPermissionChecker : IFunctionPermissionChecker
{
    private readonly LambdaService _functions;

    public LambdaPermissionChecker(LambdaService functions) => _functions = functions;

    public FunctionPermission CheckInvoke(string functionArn, FunctionInvokeSource source)
    {
        if (!Arn.TryParse(functionArn, out var arn) || arn.Service != "lambda" || !arn.Resource.StartsWith("function:", StringComparison.Ordinal))
        {
            return FunctionPermission.FunctionNotFound;
        }
        string name;
        string? qualifier;
        try
        {
            (name, qualifier) = FunctionNameParser.Parse(functionArn, null);
        }
        catch (AwsServiceException)
        {
            return FunctionPermission.FunctionNotFound;
        }
        var entry = _functions.Find(new AwsScope(arn.AccountId, arn.Region), name);
        if (entry is null || entry.Deleted)
        {
            return FunctionPermission.FunctionNotFound;
        }
        var snapshot = entry.Snapshot;
        if (qualifier is not null && qualifier != "$LATEST" && !snapshot.Versions.ContainsKey(qualifier) && !snapshot.Aliases.ContainsKey(qualifier))
        {
            return FunctionPermission.FunctionNotFound;
        }
        var statements = snapshot.Document.Policies.GetValueOrDefault(qualifier ?? "") ?? [];
        return statements.Any(s => Grants(s, source)) ? FunctionPermission.Allowed : FunctionPermission.NotAuthorized;
    }

    private static bool Grants(PolicyStatement statement, FunctionInvokeSource source) =>
        (statement.Principal == "*" || string.Equals(statement.Principal, source.Principal, StringComparison.OrdinalIgnoreCase))
        && (statement.Action == "*" || statement.Action.Equals("lambda:*", StringComparison.OrdinalIgnoreCase)
            || statement.Action.Equals("lambda:InvokeFunction", StringComparison.OrdinalIgnoreCase))
        && (statement.SourceArn is null || ArnLike(statement.SourceArn, source.SourceArn))
        && (statement.SourceAccount is null || statement.SourceAccount == source.SourceAccount);

    /// <summary>IAM's ArnLike: case-sensitive, <c>*</c> matches any run of characters and <c>?</c> exactly one.</summary>
    private static bool ArnLike(string pattern, string value) =>
        Regex.IsMatch(value, "^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
