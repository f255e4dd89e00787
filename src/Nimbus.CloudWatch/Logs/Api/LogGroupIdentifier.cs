using Nimbus.Core;

namespace Nimbus.CloudWatch.Logs.Api;

/// <summary>
/// The log group a read operation names: <c>logGroupName</c> or <c>logGroupIdentifier</c> (a name or an ARN,
/// with or without the trailing <c>:*</c>), exactly one of them.
/// </summary>
internal static class LogGroupIdentifier
{
    public static string Resolve(string? logGroupName, string? logGroupIdentifier)
    {
        Check.GroupName(logGroupName, "logGroupName");
        Check.Length(logGroupIdentifier, "logGroupIdentifier", 1, 2048);
        if (logGroupName is not null && logGroupIdentifier is not null)
        {
            throw LogsErrors.InvalidParameter("LogGroup name and LogGroup ARN are mutually exclusive parameters.");
        }
        if (logGroupName is not null)
        {
            return logGroupName;
        }
        if (logGroupIdentifier is null)
        {
            throw LogsErrors.InvalidParameter("Either logGroupName or logGroupIdentifier must be specified.");
        }
        if (!logGroupIdentifier.StartsWith("arn:", StringComparison.Ordinal))
        {
            return logGroupIdentifier;
        }
        if (!Arn.TryParse(logGroupIdentifier, out var arn) || arn.Service != "logs" || !arn.Resource.StartsWith("log-group:", StringComparison.Ordinal))
        {
            throw LogsErrors.InvalidParameter("The specified logGroupIdentifier is not a valid log group ARN.");
        }
        var name = arn.Resource["log-group:".Length..];
        return name.EndsWith(":*", StringComparison.Ordinal) ? name[..^2] : name;
    }
}
