namespace Nimbus.Lambda.Model;

/// <summary>
/// Everything Lambda stores about one function: its <c>$LATEST</c> configuration, published versions, aliases,
/// resource policy (per qualifier, "" for the unqualified function), tags, reserved concurrency and event invoke
/// configurations. Persisted as one document so a change is one atomic write.
/// </summary>
internal sealed record FunctionDocument
{
    public required FunctionVersionConfig Latest { get; init; }

    public List<FunctionVersionConfig> Versions { get; init; } = [];

    public List<AliasConfig> Aliases { get; init; } = [];

    public Dictionary<string, List<PolicyStatement>> Policies { get; init; } = [];

    public string PolicyRevisionId { get; init; } = Guid.NewGuid().ToString("D");

    public Dictionary<string, string> Tags { get; init; } = [];

    public int? ReservedConcurrency { get; init; }

    /// <summary>Asynchronous invocation settings by qualifier (<c>$LATEST</c>, a version number or an alias name).</summary>
    public Dictionary<string, EventInvokeConfig> EventInvokeConfigs { get; init; } = [];

    /// <summary><c>Allow</c> or <c>Terminate</c> (recursive loop detection); null is AWS's default, <c>Terminate</c>.</summary>
    public string? RecursiveLoop { get; init; }

    /// <summary>Version numbers are never reused, even after a version is deleted.</summary>
    public long LastVersionNumber { get; init; }
}
