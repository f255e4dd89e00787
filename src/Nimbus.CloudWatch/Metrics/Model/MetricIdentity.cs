using System.Text.Json;

namespace Nimbus.CloudWatch.Metrics.Model;

/// <summary>
/// A metric: namespace, name and dimensions. Dimensions are kept sorted by name, so the same set sent in any order
/// is the same metric (CloudWatch treats each unique combination as one metric).
/// </summary>
public sealed class MetricIdentity : IEquatable<MetricIdentity>
{
    public MetricIdentity(string @namespace, string name, IEnumerable<Dimension> dimensions)
    {
        Namespace = @namespace;
        Name = name;
        Dimensions = dimensions.OrderBy(d => d.Name, StringComparer.Ordinal).ToArray();
        DimensionsKey = JsonSerializer.Serialize(Dimensions.Select(d => new[] { d.Name, d.Value }).ToArray(), MetricsJsonContext.Default.StringArrayArray);
    }

    public string Namespace { get; }

    public string Name { get; }

    public IReadOnlyList<Dimension> Dimensions { get; }

    /// <summary>The canonical text of the dimensions, stored as part of the metric's key.</summary>
    public string DimensionsKey { get; }

    public static MetricIdentity FromKey(string @namespace, string name, string dimensionsKey) =>
        new(@namespace, name, (JsonSerializer.Deserialize(dimensionsKey, MetricsJsonContext.Default.StringArrayArray) ?? []).Select(p => new Dimension(p[0], p[1])));

    public bool Equals(MetricIdentity? other) =>
        other is not null && Namespace == other.Namespace && Name == other.Name && DimensionsKey == other.DimensionsKey;

    public override bool Equals(object? obj) => Equals(obj as MetricIdentity);

    public override int GetHashCode() => HashCode.Combine(Namespace, Name, DimensionsKey);
}
