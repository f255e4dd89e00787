namespace Nimbus.Execution.Processes;

/// <summary>
/// Starts the runtime process of an execution environment. The seam where the bubblewrap sandbox plugs in later:
/// whatever isolates the process, the engine only needs argv, env and cwd in, and a handle out.
/// </summary>
public interface IProcessLauncher
{
    /// <summary>What isolation processes started by this launcher get (<c>process</c>, later <c>sandbox</c>).</summary>
    string IsolationLevel { get; }

    IProcessHandle Start(ProcessLaunchRequest request);
}
