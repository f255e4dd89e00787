using Microsoft.Extensions.Logging;
using Nimbus.Execution.Processes;
using Nimbus.Execution.Tests.Infrastructure;

namespace Nimbus.Execution.Tests;

public sealed class IsolationSelectionTests
{
    [Fact]
    public void Create_WhenIsolationForcedToProcess_UsesPlainProcessesAndWarnsOnce()
    {
        var logger = new ListLogger();

        var launcher = IsolationSelection.Create(new ExecutionOptions { Isolation = IsolationMode.Process }, logger);

        Assert.IsType<PosixProcessLauncher>(launcher);
        Assert.Equal("process", launcher.IsolationLevel);
        var warning = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("'process'", warning.Message);
    }

    [SandboxFact]
    public void Create_WhenHostCanSandbox_PicksBubblewrapAndSaysSoWithoutWarning()
    {
        var logger = new ListLogger();

        var launcher = IsolationSelection.Create(new ExecutionOptions(), logger);

        Assert.IsType<BubblewrapProcessLauncher>(launcher);
        Assert.Equal(TestIsolation.Sandbox!.IsolationLevel, launcher.IsolationLevel);
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(TestIsolation.Problem is null ? LogLevel.Information : LogLevel.Warning, entry.Level);
    }

    private sealed class ListLogger : ILogger
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
