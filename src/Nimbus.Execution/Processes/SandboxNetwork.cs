namespace Nimbus.Execution.Processes;

/// <summary>
/// What a network-isolated sandbox can reach: inside, <c>127.0.0.1:<see cref="RuntimeApiPort"/></c> is bridged to the
/// Unix socket <see cref="RuntimeApiSocketName"/> of the host directory <see cref="RunDirectory"/> (shown read-only
/// at <see cref="SandboxRunDirectory"/>; the socket may appear after the start, as a stem cell's does when it is given
/// a function), and <c>127.0.0.1:<see cref="EdgePort"/></c> to the edge endpoint's Unix socket
/// <see cref="EdgeSocket"/> (none when null). Nothing else: no host loopback, no other interface.
/// </summary>
public sealed record SandboxNetwork(string RunDirectory, string? EdgeSocket, int EdgePort)
{
    /// <summary>Where the Runtime API answers inside every isolated sandbox (each has its own loopback).</summary>
    public const int RuntimeApiPort = 9001;

    public const string RuntimeApiSocketName = "runtime.sock";

    public const string SandboxRunDirectory = "/run/nimbus/env";

    /// <summary>The value of <c>AWS_LAMBDA_RUNTIME_API</c> in an isolated sandbox.</summary>
    public static string RuntimeApiAddress => "127.0.0.1:9001";

    /// <summary>The Runtime API socket as the sandbox sees it (Nimbus's own bootstraps connect to it directly).</summary>
    public static string SandboxRuntimeApiSocket => SandboxRunDirectory + "/" + RuntimeApiSocketName;

    public string RuntimeApiSocket => Path.Combine(RunDirectory, RuntimeApiSocketName);

    /// <summary>What an isolated sandbox with this run directory reaches: its Runtime API and the edge endpoint.</summary>
    public static SandboxNetwork For(string runDirectory, Core.EdgeEndpoint edge) => new(runDirectory, edge.SocketPath, EdgePortOf(edge));

    /// <summary><c>AWS_ENDPOINT_URL</c> inside an isolated sandbox: the edge's port on the sandbox's own loopback.</summary>
    public static string EdgeUrl(Core.EdgeEndpoint edge) => "http://127.0.0.1:" + EdgePortOf(edge).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// A new directory for the edge endpoint's Unix socket, returning the socket's path: the host listens on it before
    /// any sandbox starts, and every isolated sandbox gets the directory bind-mounted.
    /// </summary>
    public static string CreateEdgeSocketPath() => RunDirectories.CreateEdgeSocketPath();

    private static int EdgePortOf(Core.EdgeEndpoint edge) => Uri.TryCreate(edge.Url, UriKind.Absolute, out var url) ? url.Port : 4566;
}
