namespace Nimbus.DynamoDb.Expressions;

/// <summary>One token with its place in the source (for AWS's "near" in syntax errors).</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Start)
{
    public int End => Start + Text.Length;

    public bool IsKeyword(string keyword) => Kind == TokenKind.Identifier && Text.Equals(keyword, StringComparison.OrdinalIgnoreCase);
}
