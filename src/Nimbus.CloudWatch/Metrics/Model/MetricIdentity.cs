using System.Text;
using System.Text.Json;

namespace Nimbus.CloudWatch.Metrics.Model;

/// <summary>
/// A metric: namespace, name and dimensions. Dimensions are kept sorted by name, so the same set sent in any order
/// is the same metric (CloudWatch treats each unique combination as one metric).
/// </summary>
public sealed class MetricIdentity : IEquatable<MetricIdentity>
{
    private readonly int _hashCode;

    public MetricIdentity(string @namespace, string name, IEnumerable<Dimension> dimensions)
    {
        Namespace = @namespace;
        Name = name;
        var sorted = dimensions.ToArray();
        SortByName(sorted);
        Dimensions = sorted;
        DimensionsKey = CanonicalKey(sorted);
        // Identities are dictionary keys on the metric writers' paths; strings do not cache their hash codes.
        _hashCode = HashCode.Combine(Namespace, Name, DimensionsKey);
    }

    public string Namespace { get; }

    public string Name { get; }

    public IReadOnlyList<Dimension> Dimensions { get; }

    /// <summary>The canonical text of the dimensions, stored as part of the metric's key.</summary>
    public string DimensionsKey { get; }

    public static MetricIdentity FromKey(string @namespace, string name, string dimensionsKey) =>
        new(@namespace, name, (JsonSerializer.Deserialize(dimensionsKey, MetricsJsonContext.Default.StringArrayArray) ?? []).Select(p => new Dimension(p[0], p[1])));

    public bool Equals(MetricIdentity? other) =>
        other is not null && (ReferenceEquals(this, other) ||
            (_hashCode == other._hashCode && Namespace == other.Namespace && Name == other.Name && DimensionsKey == other.DimensionsKey));

    public override bool Equals(object? obj) => Equals(obj as MetricIdentity);

    public override int GetHashCode() => _hashCode;

    /// <summary>
    /// The JSON <c>[["name","value"],…]</c> that is stored as the metric's key. Written by hand when no character needs
    /// escaping (the common case: it is built for every published value), else by the serializer, whose escaping the
    /// stored keys were made with.
    /// </summary>
    internal static string CanonicalKey(Dimension[] dimensions)
    {
        if (dimensions.Length == 0)
        {
            return "[]";
        }
        foreach (var dimension in dimensions)
        {
            if (!IsPlain(dimension.Name) || !IsPlain(dimension.Value))
            {
                return JsonSerializer.Serialize(dimensions.Select(d => new[] { d.Name, d.Value }).ToArray(), MetricsJsonContext.Default.StringArrayArray);
            }
        }
        var builder = new StringBuilder(2 + dimensions.Length * 32);
        builder.Append('[');
        for (var i = 0; i < dimensions.Length; i++)
        {
            builder.Append(i == 0 ? "[\"" : ",[\"").Append(dimensions[i].Name).Append("\",\"").Append(dimensions[i].Value).Append("\"]");
        }
        return builder.Append(']').ToString();
    }

    /// <summary>Characters System.Text.Json's default encoder writes as they are.</summary>
    private static bool IsPlain(string text)
    {
        foreach (var c in text)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_' or '.' or ':' or '/' or '$' or ' ' or '@' or '#' or '|' or '='))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>A stable insertion sort: a metric has at most 30 dimensions, usually already in order.</summary>
    private static void SortByName(Dimension[] dimensions)
    {
        for (var i = 1; i < dimensions.Length; i++)
        {
            var current = dimensions[i];
            var j = i - 1;
            for (; j >= 0 && StringComparer.Ordinal.Compare(dimensions[j].Name, current.Name) > 0; j--)
            {
                dimensions[j + 1] = dimensions[j];
            }
            dimensions[j + 1] = current;
        }
    }
}
