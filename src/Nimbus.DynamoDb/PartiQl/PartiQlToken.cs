namespace Nimbus.DynamoDb.PartiQl;

internal readonly record struct PartiQlToken(PartiQlTokenKind Kind, string Text, int Position)
{
    public bool Is(string keyword) => Kind == PartiQlTokenKind.Word && Text.Equals(keyword, StringComparison.OrdinalIgnoreCase);

    public bool IsSymbol(string symbol) => Kind == PartiQlTokenKind.Symbol && Text == symbol;
}
