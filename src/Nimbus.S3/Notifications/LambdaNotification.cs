namespace Nimbus.S3.Notifications;

/// <summary>
/// One <c>LambdaFunctionConfiguration</c>: the function to invoke, the event types (<c>s3:ObjectCreated:*</c>, …) and the
/// key filter (at most one prefix and one suffix rule, names lower-cased as S3 returns them).
/// </summary>
internal sealed record LambdaNotification(string Id, string FunctionArn, IReadOnlyList<string> Events, string? Prefix, string? Suffix)
{
    /// <summary>Whether an event (<c>ObjectCreated:Put</c>, without the <c>s3:</c> prefix) on this key is delivered here.</summary>
    public bool Matches(string eventName, string key) =>
        Events.Any(e => S3EventNames.Covers(e, eventName))
        && (Prefix is null || key.StartsWith(Prefix, StringComparison.Ordinal))
        && (Suffix is null || key.EndsWith(Suffix, StringComparison.Ordinal));
}
