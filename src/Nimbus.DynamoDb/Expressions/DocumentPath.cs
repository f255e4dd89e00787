namespace Nimbus.DynamoDb.Expressions;

/// <summary>A resolved document path (placeholders replaced by names), e.g. <c>a.b[2].c</c>.</summary>
internal sealed class DocumentPath : IEquatable<DocumentPath>
{
    public DocumentPath(IReadOnlyList<PathElement> elements)
    {
        Elements = elements;
    }

    public IReadOnlyList<PathElement> Elements { get; }

    public string Root => Elements[0].Name!;

    public bool IsTopLevel => Elements.Count == 1;

    /// <summary>True when one path is a prefix of the other (AWS rejects such pairs in one expression).</summary>
    public bool Overlaps(DocumentPath other)
    {
        var n = Math.Min(Elements.Count, other.Elements.Count);
        for (var i = 0; i < n; i++)
        {
            if (Elements[i] != other.Elements[i])
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>AWS's rendering in overlap errors: <c>[a, b, [2]]</c>.</summary>
    public string Describe() => "[" + string.Join(", ", Elements.Select(e => e.ToString())) + "]";

    public override string ToString() => string.Concat(Elements.Select((e, i) => e.IsIndex ? e.ToString() : (i == 0 ? e.Name : "." + e.Name)));

    public bool Equals(DocumentPath? other) => other is not null && Elements.SequenceEqual(other.Elements);

    public override bool Equals(object? obj) => obj is DocumentPath other && Equals(other);

    public override int GetHashCode() => Elements.Aggregate(0, (h, e) => HashCode.Combine(h, e));
}
