namespace Nimbus.CloudWatch.Logs.Model;

/// <summary>
/// A parsed term filter pattern: every <see cref="Required"/> term, at least one <see cref="AnyOf"/> term (when
/// there are any) and no <see cref="Excluded"/> term must occur in the message. Matching is a case-sensitive
/// substring search, as in CloudWatch Logs
/// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html).
/// </summary>
internal sealed record FilterPattern(IReadOnlyList<string> Required, IReadOnlyList<string> AnyOf, IReadOnlyList<string> Excluded)
{
    public static FilterPattern MatchAll { get; } = new([], [], []);

    /// <summary>A JSON, space-delimited or regex pattern: evaluated per message, not as substring tests.</summary>
    public Patterns.IMessagePredicate? Predicate { get; init; }

    public bool IsMatchAll => Required.Count == 0 && AnyOf.Count == 0 && Excluded.Count == 0 && Predicate is null;

    public bool Matches(string message)
    {
        if (Predicate is not null && !Predicate.Matches(message))
        {
            return false;
        }
        foreach (var term in Required)
        {
            if (!message.Contains(term, StringComparison.Ordinal))
            {
                return false;
            }
        }
        foreach (var term in Excluded)
        {
            if (message.Contains(term, StringComparison.Ordinal))
            {
                return false;
            }
        }
        return AnyOf.Count == 0 || AnyOf.Any(term => message.Contains(term, StringComparison.Ordinal));
    }
}
