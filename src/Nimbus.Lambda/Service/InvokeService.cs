using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Nimbus.Core;
using Nimbus.Core.Invocation;
using Nimbus.Core.Metering;
using Nimbus.Execution;
using Nimbus.Lambda.Model;
using Nimbus.Lambda.Store;

namespace Nimbus.Lambda.Service;

/// <summary>
/// The invoke hot path: finds the version in memory (no store read), counts it against reserved and account
/// concurrency, hands it to the engine and reports it to the metering sinks. Event invocations are stored (SQLite)
/// and drained by in-process workers (<c>InvokeService.Async.cs</c>).
/// </summary>
internal sealed partial class InvokeService : IAsyncDisposable
{
    /// <summary>Synchronous request limit (6 MB) and asynchronous event limit (1 MB since October 2025).</summary>
    public const int MaxSyncPayload = 6_291_456;
    public const int MaxAsyncPayload = 1_048_576;

    /// <summary>The throttle reason of an invoke that needed a new environment beyond the function's scaling rate.</summary>
    public const string ScaleOutLimitReason = "FunctionInvocationRateLimitExceeded";

    private readonly LambdaService _functions;
    private readonly IExecutionEngine _engine;
    private readonly LambdaOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<InvokeService> _logger;
    private readonly IAsyncEventStore _events;
    private readonly IInvocationReportSink[] _sinks;
    private readonly IMetricPublisher[] _metrics;
    private readonly Channel<AsyncInvocation> _queue = Channel.CreateUnbounded<AsyncInvocation>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task[] _workers;
    private int _pendingAsync;
    private int _waitingRetries;

    public InvokeService(LambdaService functions, IExecutionEngine engine, IAsyncEventStore events, LambdaOptions options, TimeProvider time,
        ILogger<InvokeService> logger, IEnumerable<IInvocationReportSink> sinks, IEnumerable<IMetricPublisher> metrics)
    {
        _sinks = sinks.ToArray();
        _metrics = metrics.ToArray();
        _events = events;
        _functions = functions;
        _engine = engine;
        _options = options;
        _time = time;
        _logger = logger;
        // Events accepted before a restart run again (at-least-once); a retry that was waiting waits out its time.
        foreach (var pending in _events.LoadAll())
        {
            Interlocked.Increment(ref _pendingAsync);
            if (pending.NextAttemptAt is null)
            {
                _queue.Writer.TryWrite(pending);
            }
            else
            {
                WaitAndRequeue(pending);
            }
        }
        _workers = Enumerable.Range(0, Math.Max(1, options.AsyncWorkers)).Select(_ => Task.Run(DrainAsync)).ToArray();
    }

    /// <summary>Events accepted and not yet finished (queued, running or waiting for a retry).</summary>
    public int PendingAsync => Volatile.Read(ref _pendingAsync);

    /// <summary>Retries whose timer is armed: a test on a fake clock advances it only once the timer exists.</summary>
    public int WaitingRetries => Volatile.Read(ref _waitingRetries);

    public async Task<InvokeResult> InvokeAsync(InvokeCommand command, CancellationToken cancellationToken)
    {
        var (name, qualifier) = ParseName(command.FunctionName, command.Qualifier);
        var entry = _functions.Get(command.Scope, name, qualifier);
        var version = PickVersion(entry, qualifier);
        if (version.Config.State != FunctionState.Active)
        {
            version = await WaitForActiveAsync(entry, qualifier, version, cancellationToken);
        }

        switch (command.Kind)
        {
            case InvocationKind.DryRun:
                return new InvokeResult(204, ReadOnlyMemory<byte>.Empty, version.Config.Version);
            case InvocationKind.Event:
                if (command.Payload.Length > MaxAsyncPayload)
                {
                    throw LambdaErrors.TooLarge($"Request must be smaller than {MaxAsyncPayload} bytes for the InvokeFunction operation");
                }
                Enqueue(new AsyncInvocation(command.Scope, name, qualifier, command.Payload, command.RequestId)
                {
                    EnqueuedAt = _time.GetUtcNow(),
                    TraceHeader = command.TraceHeader,
                });
                return new InvokeResult(202, ReadOnlyMemory<byte>.Empty, version.Config.Version);
            default:
                var trace = ContinueLineage(entry, command.RequestId, command.TraceHeader) ?? throw LambdaErrors.RecursiveInvocation();
                var outcome = await RunAsync(entry, version, qualifier, command.Payload, command.RequestId, command.ClientContext, command.WantLogTail,
                    isAsync: false, trace, cancellationToken);
                return new InvokeResult(200, outcome.Payload, version.Config.Version)
                {
                    FunctionError = outcome.IsFunctionError ? "Unhandled" : null,
                    LogTail = outcome.LogTail,
                };
        }
    }

    /// <summary>Durable before it is acknowledged: the row is written (fsynced) before the 202 or the caller's next step.</summary>
    private void Enqueue(AsyncInvocation invocation)
    {
        _events.Add(invocation);
        PublishAsyncMetric(invocation, "AsyncEventsReceived", 1, "Count");
        Interlocked.Increment(ref _pendingAsync);
        _queue.Writer.TryWrite(invocation);
    }

    private async Task<InvocationOutcome> RunAsync(FunctionEntry entry, ResolvedVersion version, string? qualifier, ReadOnlyMemory<byte> payload,
        string requestId, string? clientContext, bool wantLogTail, bool isAsync, string traceHeader, CancellationToken cancellationToken)
    {
        ConcurrencyLease lease;
        try
        {
            lease = _functions.Governor.Acquire(entry, entry.Snapshot.Document.ReservedConcurrency);
        }
        catch (AwsServiceException) when (_sinks.Length > 0)
        {
            ReportThrottle(entry, version, qualifier, isAsync);
            throw;
        }
        var concurrent = entry.InFlight;
        var started = _time.GetUtcNow();
        PublishConcurrency(entry.Scope, started);
        var request = new InvocationRequest
        {
            RequestId = requestId,
            Payload = payload,
            // The ARN as the caller named it: qualified when invoked by version or alias.
            InvokedFunctionArn = qualifier is null ? entry.Snapshot.Latest.Spec.FunctionArn : LambdaService.FunctionArn(entry.Scope, entry.Name, qualifier),
            ClientContext = clientContext,
            WantLogTail = wantLogTail,
            TraceId = traceHeader,
        };
        InvocationOutcome outcome;
        try
        {
            outcome = await _engine.InvokeAsync(version.Spec, request, cancellationToken);
        }
        catch (ScaleOutThrottledException)
        {
            // A burst beyond the function's scaling rate: AWS answers 429 without documenting a Reason; this is the
            // ThrottleReason the model has for a function's rate.
            if (_sinks.Length > 0)
            {
                ReportThrottle(entry, version, qualifier, isAsync);
            }
            throw LambdaErrors.Throttled(ScaleOutLimitReason);
        }
        catch (Exception exception) when (exception is not (AwsServiceException or OperationCanceledException))
        {
            throw new AwsServiceException("ServiceException", 500, "The Lambda service encountered an internal error: " + exception.Message, isSenderFault: false)
            {
                Fields = new Dictionary<string, string> { ["Type"] = "Service" },
            };
        }
        finally
        {
            lease.Dispose();
        }
        // After the slot is given back: reporting never holds a concurrency slot.
        if (_sinks.Length > 0)
        {
            Report(entry, version, qualifier, isAsync, started, concurrent, outcome);
        }
        return outcome;
    }

    /// <summary>An alias with a routing config sends each invocation to its additional version with the given probability.</summary>
    private ResolvedVersion PickVersion(FunctionEntry entry, string? qualifier)
    {
        if (qualifier is not null && entry.Snapshot.Aliases.TryGetValue(qualifier, out var alias)
            && alias.AdditionalVersionWeights is { Count: > 0 } weights)
        {
            foreach (var (version, weight) in weights)
            {
                if (Random.Shared.NextDouble() < weight && entry.Snapshot.Versions.TryGetValue(version, out var chosen))
                {
                    return chosen;
                }
            }
        }
        return _functions.ResolveVersion(entry, qualifier);
    }

    /// <summary>An invoke of a <c>Pending</c> function waits briefly for it to become <c>Active</c>, rather than failing.</summary>
    private async Task<ResolvedVersion> WaitForActiveAsync(FunctionEntry entry, string? qualifier, ResolvedVersion version, CancellationToken cancellationToken)
    {
        if (version.Config.State == FunctionState.Pending)
        {
            try
            {
                await entry.WhenActive.WaitAsync(_options.PendingInvokeWait, _time, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Falls through to the state check below.
            }
            version = PickVersion(entry, qualifier);
        }
        if (version.Config.State != FunctionState.Active)
        {
            throw LambdaErrors.Conflict($"The operation cannot be performed at this time. The function is currently in the following state: {version.Config.State}");
        }
        return version;
    }

    /// <summary>Plain names skip the ARN regex: the common case on the hot path.</summary>
    private static (string Name, string? Qualifier) ParseName(string functionName, string? qualifier)
    {
        if (functionName.Length is > 0 and <= 64 && IsPlainName(functionName))
        {
            if (!string.IsNullOrEmpty(qualifier))
            {
                FunctionNameParser.ValidateQualifier(qualifier);
                return (functionName, qualifier);
            }
            return (functionName, null);
        }
        var parsed = FunctionNameParser.Parse(functionName, qualifier);
        return (parsed.Name, string.IsNullOrEmpty(parsed.Qualifier) ? null : parsed.Qualifier);
    }

    private static bool IsPlainName(string value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                return false;
            }
        }
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync();
        try
        {
            await Task.WhenAll(_workers).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception exception) when (exception is OperationCanceledException or TimeoutException)
        {
            // Workers stop at their next await; their events stay in the store and run after the restart.
        }
        // _stopping is not disposed: a retry timer racing the shutdown may still read its token.

    }
}
