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
}
