namespace Nimbus.CloudWatch.Logs.Insights.Language;

internal enum TokenKind
{
    End,
    Identifier,
    String,
    Number,
    Duration,
    Regex,
    Pipe,
    Comma,
    OpenParen,
    CloseParen,
    OpenBracket,
    CloseBracket,
    Operator,
}
