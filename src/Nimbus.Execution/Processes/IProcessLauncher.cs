namespace Nimbus.Execution.Processes;

/// <summary>
/// Starts the runtime process of an execution environment: a plain process (<see cref="PosixProcessLauncher"/>) or a
/// bubblewrap sandbox in its own cgroup (<see cref="BubblewrapProcessLauncher"/>). The engine only needs argv, env
/// and cwd in, and a handle out.
/// </summary>
public interface IProcessLauncher
{
    /// <summary>What isolation processes started by this launcher get (<c>process</c>, <c>bubblewrap</c>, <c>bubblewrap+cgroup-v1</c>…).</summary>
    string IsolationLevel { get; }

    /// <summary>
    /// True when the process sees its own filesystem: the code at <c>/var/task</c> and the bootstraps at
    /// <c>/var/runtime</c>, so the request must carry sandbox paths.
    /// </summary>
    bool ConfinesFilesystem => false;

    /// <summary>
    /// True when a request's <see cref="ProcessLaunchRequest.Network"/> gets the process its own network namespace
    /// (only loopback, bridged to Nimbus's Unix sockets); false when every process shares the host's network.
    /// </summary>
    bool IsolatesNetwork => false;

    IProcessHandle Start(ProcessLaunchRequest request);
}
