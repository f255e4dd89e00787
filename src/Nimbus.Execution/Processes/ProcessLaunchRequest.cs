namespace Nimbus.Execution.Processes;

/// <summary>What to run: the executable, its argv (argv[0] included), the complete environment and the working directory.</summary>
public sealed record ProcessLaunchRequest(
    string Executable,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string> Environment,
    string WorkingDirectory);
