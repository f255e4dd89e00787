using Nimbus.CloudWatch.Logs.Model;
using Nimbus.CloudWatch.Logs.Patterns;

namespace Nimbus.CloudWatch.Logs;

/// <summary>
/// Parses term filter patterns (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html):
/// space-separated terms that must all occur, <c>"quoted phrases"</c> kept whole, <c>-term</c> to exclude and
/// <c>?term</c> for "any of"; JSON (<c>{ … }</c>), space-delimited (<c>[ … ]</c>) and regular-expression
/// (<c>%…%</c>) patterns become an <see cref="IMessagePredicate"/> evaluated on each message.
/// </summary>
internal static class FilterPatternParser
{
    public static FilterPattern Parse(string? pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            return FilterPattern.MatchAll;
        }
        var trimmed = pattern.Trim();
        IMessagePredicate? predicate = trimmed[0] switch
        {
            '{' => JsonFilterPattern.Parse(trimmed),
            '[' => SpaceDelimitedPattern.Parse(trimmed),
            '%' => RegexPattern.Parse(trimmed),
            _ => null,
        };
        if (predicate is not null)
        {
            return FilterPattern.MatchAll with { Predicate = predicate };
        }

        var required = new List<string>();
        var anyOf = new List<string>();
        var excluded = new List<string>();
        var i = 0;
        while (i < trimmed.Length)
        {
            if (char.IsWhiteSpace(trimmed[i]))
            {
                i++;
                continue;
            }
            var target = required;
            if (trimmed[i] is '-' or '?' && i + 1 < trimmed.Length && !char.IsWhiteSpace(trimmed[i + 1]))
            {
                target = trimmed[i] == '-' ? excluded : anyOf;
                i++;
            }
            string term;
            if (trimmed[i] == '"')
            {
                var end = trimmed.IndexOf('"', i + 1);
                if (end < 0)
                {
                    throw LogsErrors.InvalidParameter("Invalid filter pattern: unterminated quoted term.");
                }
                term = trimmed[(i + 1)..end];
                i = end + 1;
            }
            else
            {
                var end = i;
                while (end < trimmed.Length && !char.IsWhiteSpace(trimmed[end]))
                {
                    end++;
                }
                term = trimmed[i..end];
                i = end;
            }
            if (term.Length > 0)
            {
                target.Add(term);
            }
        }
        return new FilterPattern(required, anyOf, excluded);
    }
}
