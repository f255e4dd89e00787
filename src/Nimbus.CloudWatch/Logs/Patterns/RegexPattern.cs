using System.Text.RegularExpressions;

namespace Nimbus.CloudWatch.Logs.Patterns;

/// <summary>
/// A regular-expression pattern, <c>%ERROR [0-9]+%</c>: matches when the expression occurs in the message.
/// Evaluated without backtracking so a hostile pattern cannot stall the server.
/// </summary>
internal sealed class RegexPattern : IMessagePredicate
{
    private readonly Regex _regex;

    private RegexPattern(Regex regex)
    {
        _regex = regex;
    }

    public static RegexPattern Parse(string pattern)
    {
        if (pattern.Length < 2 || pattern[^1] != '%')
        {
            throw LogsErrors.InvalidParameter("Invalid filter pattern: a regular expression pattern is enclosed in % %.");
        }
        try
        {
            return new RegexPattern(new Regex(pattern[1..^1], RegexOptions.NonBacktracking | RegexOptions.CultureInvariant));
        }
        catch (ArgumentException exception)
        {
            throw LogsErrors.InvalidParameter($"Invalid filter pattern: {exception.Message}");
        }
    }

    public bool Matches(string message) => _regex.IsMatch(message);
}
