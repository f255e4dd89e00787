using Microsoft.Extensions.Logging;

namespace Nimbus.Execution.Processes;

/// <summary>Picks the launcher at start-up: the strongest isolation the host supports, unless told otherwise.</summary>
internal static class IsolationSelection
{
    public static IProcessLauncher Create(ExecutionOptions options, ILogger logger)
    {
        if (options.Isolation == IsolationMode.Process)
        {
            LogMessages.IsolationDegraded(logger, "process", "isolation forced to 'process' by configuration");
            return new PosixProcessLauncher();
        }
        var sandbox = BubblewrapProcessLauncher.TryCreate(out var problem);
        IProcessLauncher launcher = sandbox is null ? new PosixProcessLauncher() : sandbox;
        // One warning, saying what is in force and why: functions are less isolated than the design promises.
        if (problem is not null)
        {
            LogMessages.IsolationDegraded(logger, launcher.IsolationLevel, problem);
        }
        else
        {
            LogMessages.IsolationSelected(logger, launcher.IsolationLevel);
        }
        return launcher;
    }
}
