using Microsoft.Extensions.Logging;
using Nimbus.Core;
using Nimbus.Core.Logs;
using Nimbus.Execution.Processes;

namespace Nimbus.Execution.Environments;

/// <summary>The engine-wide services every environment uses.</summary>
internal sealed record EnvironmentContext(
    IProcessLauncher Launcher,
    ILogIngestion Logs,
    EdgeEndpoint Edge,
    TimeProvider Time,
    ExecutionOptions Options,
    string BootstrapRoot,
    ILogger Logger)
{
    /// <summary>The pre-started runtimes cold starts take from; null when disabled.</summary>
    public StemCells.StemCellBank? StemCells { get; init; }

    /// <summary>Run directories of network-isolated sandboxes; null when the launcher cannot isolate networks.</summary>
    public RunDirectories? Runs { get; init; }

    /// <summary>The per-function scale-out rate cold starts are counted against; null for no limit.</summary>
    public ScaleOutLimiter? ScaleOut { get; init; }

    /// <summary>Whether environments of <paramref name="spec"/> get a network namespace of their own.</summary>
    public bool Isolates(EnvironmentSpec spec) => spec.Network == NetworkMode.Isolated && Runs is not null;

}
