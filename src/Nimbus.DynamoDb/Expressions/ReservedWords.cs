namespace Nimbus.DynamoDb.Expressions;

/// <summary>
/// DynamoDB's reserved words (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ReservedWords.html):
/// an attribute name equal to one of them must be written through an ExpressionAttributeNames placeholder.
/// </summary>
internal static class ReservedWords
{
    private static readonly HashSet<string> Words = Load();

    public static bool Contains(string word) => Words.Contains(word);

    private static HashSet<string> Load()
    {
        using var stream = typeof(ReservedWords).Assembly.GetManifestResourceStream("Nimbus.DynamoDb.ReservedWords.txt")
            ?? throw new InvalidOperationException("The reserved word list is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split(['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }
}
