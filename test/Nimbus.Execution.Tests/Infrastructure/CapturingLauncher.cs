using System.Threading.Channels;
using Nimbus.Execution.Processes;

namespace Nimbus.Execution.Tests.Infrastructure;

/// <summary>The real launcher, reporting each launch (its environment and handle) so tests can act as the runtime.</summary>
internal sealed class CapturingLauncher : IProcessLauncher
{
    private readonly IProcessLauncher _inner;
    private readonly Channel<(ProcessLaunchRequest Request, IProcessHandle Handle)> _launches = Channel.CreateUnbounded<(ProcessLaunchRequest, IProcessHandle)>();

    public CapturingLauncher(IProcessLauncher? inner = null)
    {
        _inner = inner ?? TestIsolation.Launcher;
    }

    public string IsolationLevel => _inner.IsolationLevel;

    public bool ConfinesFilesystem => _inner.ConfinesFilesystem;

    public bool IsolatesNetwork => _inner.IsolatesNetwork;

    public int Count { get; private set; }

    public IProcessHandle Start(ProcessLaunchRequest request)
    {
        var handle = _inner.Start(request);
        Count++;
        _launches.Writer.TryWrite((request, handle));
        return handle;
    }

    public async Task<(ProcessLaunchRequest Request, IProcessHandle Handle)> NextLaunchAsync() =>
        await _launches.Reader.ReadAsync().AsTask().Within(10, "waiting for the engine to launch a runtime");
}
