namespace Nimbus.Lambda.Model;

/// <summary>An alias: a name pointing at a version, optionally shifting a share of invocations to a second version.</summary>
internal sealed record AliasConfig
{
    public required string Name { get; init; }

    public required string FunctionVersion { get; init; }

    public string Description { get; init; } = "";

    /// <summary>At most one additional version with a weight in [0, 1] (AWS allows exactly one).</summary>
    public Dictionary<string, double>? AdditionalVersionWeights { get; init; }

    public required string RevisionId { get; init; }
}
