using System.Buffers;
using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Nimbus.Core;
using Nimbus.Execution.Processes;
using Nimbus.Execution.RuntimeApi;

namespace Nimbus.Execution.Environments;

/// <summary>
/// One execution environment: a runtime process, its own Runtime API listener and its log stream. Runs one
/// invocation at a time. A dedicated thread waits on the output pipe and the process's pidfd; it and the Runtime
/// API handlers share the log collector's gate, which orders function output against START/END/REPORT.
/// </summary>
internal sealed partial class ExecutionEnvironment : IRuntimeApiHandler, IDisposable
{
    private readonly EnvironmentSpec _spec;
    private readonly EnvironmentContext _context;
    private readonly TimeProvider _time;
    private readonly FunctionLogCollector _collector;
    private RuntimeApiServer _server = null!;
    private readonly IProcessHandle? _process;
    private readonly Channel<RuntimeInvocation> _invocations =
        Channel.CreateUnbounded<RuntimeInvocation>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly TaskCompletionSource<InitResult> _init = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _readerDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _gate = new();
    private readonly long _startTimestamp;
    private readonly ITimer? _initTimer;
    private ActiveInvocation? _active;
    private string? _lastRequestId;
    private bool _dead;
    private int _disposed;

    public ExecutionEnvironment(EnvironmentSpec spec, RuntimeInfo runtime, EnvironmentContext context)
    {
        _spec = spec;
        _context = context;
        _time = context.Time;
        // Stream names as Lambda writes them: 2026/11/27/[$LATEST]<32 hex> (the version in brackets).
        var stream = _time.GetUtcNow().ToString("yyyy'/'MM'/'dd", CultureInfo.InvariantCulture) + "/[" + spec.Version + "]" + RequestIds.NewHex32();
        _collector = new FunctionLogCollector(context.Logs, spec.Scope, spec.LogGroupName, stream, _time);
        _startTimestamp = _time.GetTimestamp();
        var isolated = context.Isolates(spec);
        if (!isolated)
        {
            _server = RuntimeApiServer.OnLoopback(this);
        }
        var launch = RuntimeLaunch.Build(spec, runtime, context.BootstrapRoot, isolated ? SandboxNetwork.RuntimeApiAddress : _server.Address, stream,
            isolated ? SandboxNetwork.EdgeUrl(context.Edge) : context.Edge.Url, context.Launcher.ConfinesFilesystem, isolated);
        try
        {
            // A ready stem cell becomes this environment when there is one; the init phase (and its duration) starts here either way.
            // An isolated one brings its own run directory, where this environment's Runtime API socket goes.
            _process = context.StemCells?.TrySpecialise(spec, runtime, launch, isolated ? directory => BindRuntimeApi(directory, ownsDirectory: false) : null) ?? StartPlain(launch, isolated);
        }
        catch (Win32Exception exception)
        {
            // Lambda's wording when the entry point cannot be executed (e.g. no bootstrap in a provided.* package).
            _dead = true;
            var error = runtime.Family == RuntimeFamily.OsOnly
                ? ErrorDocument("Runtime.InvalidEntrypoint", $"Couldn't find valid bootstrap(s): [{launch.Executable}]")
                : ErrorDocument("Runtime.InvalidEntrypoint", exception.Message);
            _init.TrySetResult(InitResult.Failed(0, InvocationStatus.FunctionError, "Runtime.InvalidEntrypoint", _ => error));
            _readerDone.TrySetResult();
            _server?.Dispose();
            return;
        }
        finally
        {
            // Connections that arrived before the handle existed (a stem cell answers fast) are judged from here on.
            _started.TrySetResult();
        }
        ProcessId = _process.ProcessId;
        _initTimer = _time.CreateTimer(static state => ((ExecutionEnvironment)state!).OnInitTimeout(), this,
            context.Options.InitTimeout, Timeout.InfiniteTimeSpan);
        new Thread(ReadLoop) { IsBackground = true, Name = "nimbus-env-output" }.Start();
        LogMessages.EnvironmentStarted(context.Logger, spec.FunctionName, stream, ProcessId, _server.Port);
    }

    /// <summary>Serves this environment's Runtime API on a Unix socket in a network-isolated sandbox's run directory.</summary>
    private void BindRuntimeApi(string runDirectory, bool ownsDirectory)
    {
        // A stem cell that could not take the function after all leaves a server behind: replaced with the next cell's.
        _server?.Dispose();
        _server = RuntimeApiServer.OnUnixSocket(this, runDirectory, ownsDirectory);
    }

    private IProcessHandle StartPlain(Processes.ProcessLaunchRequest launch, bool isolated)
    {
        if (isolated)
        {
            var runDirectory = _context.Runs!.Create();
            BindRuntimeApi(runDirectory, ownsDirectory: true);
            launch = launch with { Network = SandboxNetwork.For(runDirectory, _context.Edge) };
        }
        return _context.Launcher.Start(launch);
    }

    public string LogStreamName => _collector.StreamName;

    public int ProcessId { get; }

    public int RuntimeApiPort => _server.Port;

    /// <summary>Ticks (of the time provider) when the environment last finished an invocation; for idle reaping.</summary>
    public long LastUsedTimestamp { get; private set; }

    public bool IsAlive
    {
        get
        {
            lock (_gate)
            {
                return !_dead;
            }
        }
    }

    /// <summary>Completes when the runtime first asks for an invocation, posts an init error, exits, or runs out of time.</summary>
    public Task<InitResult> Initialized => _init.Task;

    private void ReadLoop()
    {
        var process = _process!;
        try
        {
            while (true)
            {
                var exited = process.WaitForOutputOrExit();
                lock (_collector.Gate)
                {
                    _collector.Drain(process);
                }
                if (exited)
                {
                    break;
                }
            }
            OnExited(process.Exited.Result);
        }
        finally
        {
            _readerDone.TrySetResult();
        }
    }

    private void OnExited(ProcessExit exit)
    {
        ActiveInvocation? active;
        lock (_gate)
        {
            _dead = true;
            active = _active;
        }
        var description = exit.Describe();
        if (!_init.Task.IsCompleted)
        {
            _init.TrySetResult(InitResult.Failed(ElapsedMs(_startTimestamp), InvocationStatus.FunctionError, "Runtime.ExitError",
                id => ErrorDocument("Runtime.ExitError", $"RequestId: {id} Error: Runtime exited with error: {description}")));
        }
        if (active is not null)
        {
            var message = $"RequestId: {active.RequestId} Error: Runtime exited with error: {description}";
            Finish(active, InvocationStatus.RuntimeExited, ErrorDocument("Runtime.ExitError", message),
                message + "\nRuntime.ExitError", "Status: error\tError Type: Runtime.ExitError");
        }
        lock (_collector.Gate)
        {
            _collector.Drain(_process!);
            _collector.EndPartialLine();
            _collector.Flush();
        }
        _server.Dispose();
        LogMessages.EnvironmentExited(_context.Logger, _spec.FunctionName, LogStreamName, description);
    }

    private void OnInitTimeout()
    {
        var seconds = _context.Options.InitTimeout.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture);
        if (_init.TrySetResult(InitResult.Failed(ElapsedMs(_startTimestamp), InvocationStatus.Timeout, "Sandbox.Timedout",
            id => ErrorDocument("Sandbox.Timedout", $"RequestId: {id} Error: Task timed out after {seconds} seconds"))))
        {
            Retire();
        }
    }

    /// <summary>Stops the environment: kills the runtime's process group and closes its Runtime API.</summary>
    public void Retire()
    {
        lock (_gate)
        {
            _dead = true;
        }
        _process?.Kill();
        _server?.Dispose();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        Retire();
        _initTimer?.Dispose();
        // The pipe and pidfd are closed only after the reader thread stopped using them (it ends once the process is reaped).
        _readerDone.Task.ContinueWith(_ => _process?.Dispose(), TaskScheduler.Default);
    }

    private double ElapsedMs(long since) => _time.GetElapsedTime(since).TotalMilliseconds;

    /// <summary>An error document as Lambda returns it for platform errors: <c>{"errorType":…,"errorMessage":…}</c>.</summary>
    internal static byte[] ErrorDocument(string errorType, string errorMessage)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("errorType"u8, errorType);
            writer.WriteString("errorMessage"u8, errorMessage);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
