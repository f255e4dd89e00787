namespace Nimbus.CloudWatch.Logs.Insights.Language;

/// <summary>
/// A lexical token with its place in the query text (<see cref="Start"/> inclusive, <see cref="End"/> exclusive),
/// which MalformedQueryException reports. <see cref="Value"/> is the unescaped text of strings, identifiers and
/// regexes; <see cref="Number"/> the value of numbers and, for durations, their length in milliseconds.
/// </summary>
internal readonly record struct Token(TokenKind Kind, string Value, int Start, int End, double Number = 0)
{
    public bool Is(TokenKind kind, string value) =>
        Kind == kind && string.Equals(Value, value, StringComparison.Ordinal);

    /// <summary>An unquoted identifier that spells a keyword (keywords are case-insensitive).</summary>
    public bool IsKeyword(string keyword) =>
        Kind == TokenKind.Identifier && !Quoted && string.Equals(Value, keyword, StringComparison.OrdinalIgnoreCase);

    /// <summary>The identifier was written in backticks, so it is a field name even if it spells a keyword.</summary>
    public bool Quoted { get; init; }
}
