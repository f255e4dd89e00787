namespace Nimbus.Execution.Processes;

/// <summary>
/// What to run: the executable, its argv (argv[0] included), the complete environment and the working directory.
/// Paths are as the process sees them: host paths for the plain launcher, sandbox paths (<c>/var/task</c>,
/// <c>/var/runtime</c>) when the launcher confines the filesystem. The optional members are what a sandbox needs to
/// build that view and size its limits; a plain launcher ignores them.
/// </summary>
public sealed record ProcessLaunchRequest(
    string Executable,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string> Environment,
    string WorkingDirectory)
{
    /// <summary>The host directory holding the function's code, shown read-only at <c>/var/task</c>.</summary>
    public string? CodeDirectory { get; init; }

    /// <summary>The host directory of Nimbus's bootstraps, shown read-only at <c>/var/runtime</c>.</summary>
    public string? RuntimeDirectory { get; init; }

    /// <summary>Host directories (an interpreter's installation) shown read-only at the same path.</summary>
    public IReadOnlyList<string> ReadOnlyDirectories { get; init; } = [];

    /// <summary>Host paths (directories or files) shown read-only at another path in the sandbox: host path → sandbox path.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ReadOnlyMounts { get; init; } = [];

    /// <summary>The function's memory (cgroup limit); 0 when unknown.</summary>
    public int MemorySizeMb { get; init; }

    /// <summary>The size of the private <c>/tmp</c>; 0 when unknown.</summary>
    public int EphemeralStorageMb { get; init; }

    /// <summary>
    /// Give the process a pipe as stdin (instead of <c>/dev/null</c>) that <see cref="IProcessHandle.WriteInput"/>
    /// writes to: how a stem cell receives the function it becomes.
    /// </summary>
    public bool StandardInputPipe { get; init; }

    /// <summary>A name for the environment (used for its cgroup); null when unknown.</summary>
    public string? Name { get; init; }

    /// <summary>
    /// A network namespace of its own (loopback only) with these Unix-socket bridges, when the launcher isolates
    /// networks (<see cref="IProcessLauncher.IsolatesNetwork"/>); null to share the host's network.
    /// </summary>
    public SandboxNetwork? Network { get; init; }
}
