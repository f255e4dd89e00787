namespace Nimbus.DynamoDb.Expressions;

internal enum TokenKind
{
    Identifier,
    NamePlaceholder,
    ValuePlaceholder,
    Integer,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    Comma,
    Dot,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Plus,
    Minus,
    End,
}
