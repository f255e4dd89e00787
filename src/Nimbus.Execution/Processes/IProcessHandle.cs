namespace Nimbus.Execution.Processes;

/// <summary>
/// A started process (and the process group it leads). Its stdout and stderr share one pipe, read by whoever
/// owns the handle so that output can be ordered against Runtime API events.
/// </summary>
public interface IProcessHandle : IDisposable
{
    int ProcessId { get; }

    /// <summary>
    /// Reads whatever the merged stdout+stderr pipe holds right now without blocking. Returns the number of bytes
    /// read, 0 when nothing is buffered, or -1 at end of file (every writer closed the pipe).
    /// </summary>
    int ReadAvailable(Span<byte> buffer);

    /// <summary>
    /// Blocks the calling thread until the pipe is readable or the process exited (whichever first).
    /// Returns true when the process has exited.
    /// </summary>
    bool WaitForOutputOrExit();

    /// <summary>Completes with the exit description once the process has exited and been reaped.</summary>
    Task<ProcessExit> Exited { get; }

    /// <summary>Kills the whole process group with SIGKILL (children included).</summary>
    void Kill();

    /// <summary>Peak resident memory in bytes seen so far (0 when unknown).</summary>
    long PeakMemoryBytes();

    /// <summary>
    /// The runtime finished its init phase (it asked for its first invocation). A sandbox applies the CPU share
    /// proportional to memory from here on: like Lambda, which gives the init phase a burst of CPU, a 128 MB function
    /// must not boot its interpreter at 7 % of a core.
    /// </summary>
    void InitCompleted()
    {
    }

    /// <summary>
    /// Writes <paramref name="data"/> to the stdin pipe (see <see cref="ProcessLaunchRequest.StandardInputPipe"/>) and
    /// closes it. False when there is no pipe or nobody reads it any more (the process died).
    /// </summary>
    bool WriteInput(ReadOnlySpan<byte> data) => false;

    /// <summary>
    /// Limits the process to <paramref name="memorySizeMb"/> (and the CPU share that goes with it) from now on: a stem
    /// cell starts without a function's limits and gets them when it becomes one. Throws IOException when the limit
    /// cannot be set; does nothing without a cgroup.
    /// </summary>
    void LimitMemory(int memorySizeMb)
    {
    }

    /// <summary>
    /// Every process of a sandboxed environment (host pids), to tell its own Runtime API connections from others';
    /// null for a plain process, which claims no isolation.
    /// </summary>
    IReadOnlyCollection<int>? ProcessIds() => null;
}
