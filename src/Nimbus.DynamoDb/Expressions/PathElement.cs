namespace Nimbus.DynamoDb.Expressions;

/// <summary>A step of a document path: a map member (Name) or a list index.</summary>
internal readonly record struct PathElement(string? Name, int Index)
{
    public bool IsIndex => Name is null;

    public override string ToString() => Name ?? $"[{Index}]";
}
