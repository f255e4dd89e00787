using Nimbus.Core;

namespace Nimbus.Execution;

/// <summary>Everything an execution environment is started with. Equal specs share a pool of warm environments.</summary>
public sealed record EnvironmentSpec
{
    public required AwsScope Scope { get; init; }

    public required string FunctionName { get; init; }

    /// <summary>Identifies the function across its versions (scope + name); used to retire its pools.</summary>
    public required string FunctionKey { get; init; }

    /// <summary>
    /// Identifies the pool: changes whenever anything an environment was started with changes
    /// (code hash, configuration revision, version).
    /// </summary>
    public required string PoolKey { get; init; }

    /// <summary><c>$LATEST</c> or a published version number.</summary>
    public required string Version { get; init; }

    /// <summary>The version's ARN (unqualified for <c>$LATEST</c>).</summary>
    public required string FunctionArn { get; init; }

    public required string Runtime { get; init; }

    public required string Handler { get; init; }

    /// <summary>The unpacked code, mounted as <c>/var/task</c> (read-only).</summary>
    public required string CodeDirectory { get; init; }

    public required int MemorySizeMb { get; init; }

    public required int TimeoutSeconds { get; init; }

    public int EphemeralStorageMb { get; init; } = 512;

    public string Architecture { get; init; } = "x86_64";

    /// <summary>The user's environment variables (the reserved ones are added by the engine).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary><c>/aws/lambda/{name}</c> unless the function's logging config names another group.</summary>
    public required string LogGroupName { get; init; }

    /// <summary>Isolated (only the Runtime API and the Nimbus endpoint) unless the function may use other networks.</summary>
    public NetworkMode Network { get; init; }
}
