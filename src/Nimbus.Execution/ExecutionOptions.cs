namespace Nimbus.Execution;

/// <summary>Settings of the execution engine.</summary>
public sealed record ExecutionOptions
{
    /// <summary>How long an idle environment stays warm before it is reaped.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Interpreter per runtime identifier, overriding discovery.</summary>
    public IReadOnlyDictionary<string, string> RuntimeInterpreters { get; init; } = new Dictionary<string, string>();

    /// <summary>How long a runtime may take to initialise (Lambda: 10 s for on-demand functions).</summary>
    public TimeSpan InitTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Where Nimbus's own bootstraps live (default: <c>Bootstraps</c> next to the assembly).</summary>
    public string? BootstrapDirectory { get; init; }

    /// <summary>Sandbox runtimes when possible (<see cref="IsolationMode.Auto"/>) or never (<see cref="IsolationMode.Process"/>).</summary>
    public IsolationMode Isolation { get; init; } = IsolationMode.Auto;

    /// <summary>
    /// Pre-started runtimes kept ready per kind of Node.js and Python launch (interpreter, heap size, <c>/tmp</c> size),
    /// so that a cold start only loads the handler; 0 disables them. A kind's pool appears on its first cold start and
    /// goes after <see cref="IdleTimeout"/> without one.
    /// </summary>
    public int StemCellsPerRuntime { get; init; } = 2;

    /// <summary>
    /// Where stem cells' <c>/var/task</c> directories live (default: <c>nimbus-cells</c> in the temp directory). On the
    /// filesystem of the unpacked code, a function's files are hard-linked in; elsewhere they are copied.
    /// </summary>
    public string? StemCellDirectory { get; init; }

    /// <summary>
    /// Serve an environment's Runtime API only to that environment's own processes: sandboxes on the host network could
    /// otherwise connect to another's port (isolated sandboxes cannot even see another's socket; the check is a second
    /// wall there). Off only for tests in which the test is the runtime.
    /// </summary>
    public bool VerifyRuntimeApiPeers { get; init; } = true;

    /// <summary>
    /// New execution environments a function may add per <see cref="ScaleOutPeriod"/> (AWS: 1,000 every 10 seconds,
    /// refilled continuously); an invoke that would need one more is throttled. 0 disables the limit.
    /// </summary>
    public int ScaleOutLimit { get; init; } = 1000;

    /// <summary>The period of <see cref="ScaleOutLimit"/>.</summary>
    public TimeSpan ScaleOutPeriod { get; init; } = TimeSpan.FromSeconds(10);
}
