namespace Nimbus.Execution.Processes;

/// <summary>How a process ended: an exit code, or the signal that killed it.</summary>
public readonly record struct ProcessExit(int ExitCode, int Signal)
{
    /// <summary>The wording of Lambda's <c>Runtime exited with error: …</c> (Go's <c>os.ProcessState</c> strings).</summary>
    public string Describe() => Signal switch
    {
        0 => $"exit status {ExitCode}",
        9 => "signal: killed",
        15 => "signal: terminated",
        6 => "signal: aborted",
        11 => "signal: segmentation fault",
        _ => $"signal: {Signal}",
    };
}
