using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Nimbus.Core;
using Nimbus.Core.Logs;
using Nimbus.Execution.Environments;
using Nimbus.Execution.Processes;

namespace Nimbus.Execution;

/// <summary>
/// Keeps one <see cref="EnvironmentPool"/> per <see cref="EnvironmentSpec.PoolKey"/>, reaps idle environments and
/// stops everything on shutdown.
/// </summary>
internal sealed class ExecutionEngine : IExecutionEngine, IDisposable
{
    private readonly ConcurrentDictionary<string, EnvironmentPool> _pools = new(StringComparer.Ordinal);
    private readonly EnvironmentContext _context;
    private readonly ITimer _reaper;

    public ExecutionEngine(RuntimeCatalog runtimes, ExecutionOptions options, IProcessLauncher launcher, ILogIngestion logs,
        EdgeEndpoint edge, TimeProvider time, ILogger<ExecutionEngine> logger)
    {
        Runtimes = runtimes;
        var bootstraps = options.BootstrapDirectory ?? Path.Combine(AppContext.BaseDirectory, "Bootstraps");
        var runs = launcher.IsolatesNetwork ? new RunDirectories() : null;
        _context = new EnvironmentContext(launcher, logs, edge, time, options, bootstraps, logger)
        {
            StemCells = options.StemCellsPerRuntime > 0 ? new StemCells.StemCellBank(launcher, options, bootstraps, edge, time, runs) : null,
            Runs = runs,
            ScaleOut = options.ScaleOutLimit > 0 ? new ScaleOutLimiter(options.ScaleOutLimit, options.ScaleOutPeriod, time) : null,
        };
        IsolationLevel = launcher.IsolationLevel;
        NetworkIsolation = launcher.IsolatesNetwork
            ? "per-sandbox network namespace: only the Runtime API and the Nimbus endpoint (functions tagged nimbus:network=internet use the host's)"
            : "shared with the host: " + ((launcher as BubblewrapProcessLauncher)?.NetworkProblem ?? "functions run without a sandbox");
        // Reaping precision need not beat a fraction of the keep-alive; a coarse timer costs nothing on the hot path.
        var period = TimeSpan.FromTicks(Math.Clamp(options.IdleTimeout.Ticks / 4, TimeSpan.FromMilliseconds(100).Ticks, TimeSpan.FromMinutes(1).Ticks));
        _reaper = time.CreateTimer(static state => ((ExecutionEngine)state!).ReapIdle(), this, period, period);
    }

    public RuntimeCatalog Runtimes { get; }

    public string IsolationLevel { get; }

    public string NetworkIsolation { get; }

    public Task<InvocationOutcome> InvokeAsync(EnvironmentSpec spec, InvocationRequest request, CancellationToken cancellationToken)
    {
        if (!_pools.TryGetValue(spec.PoolKey, out var pool))
        {
            if (!Runtimes.TryGet(spec.Runtime, out var runtime) || !runtime.IsAvailable || runtime.Family == RuntimeFamily.Unsupported)
            {
                throw new NotSupportedException($"Runtime {spec.Runtime} is not available on this host.");
            }
            pool = _pools.GetOrAdd(spec.PoolKey, _ => new EnvironmentPool(spec, runtime, _context));
        }
        // Once handed over an invocation runs to its outcome (as on Lambda, a caller hanging up does not stop it).
        return pool.InvokeAsync(request);
    }

    public Task RetireAsync(string functionKey)
    {
        foreach (var (key, pool) in _pools)
        {
            if (string.Equals(pool.Spec.FunctionKey, functionKey, StringComparison.Ordinal) && _pools.TryRemove(key, out _))
            {
                pool.Retire();
            }
        }
        return Task.CompletedTask;
    }

    public IReadOnlyList<PoolSnapshot> Snapshot() =>
        _pools.Select(kv =>
        {
            var (idle, busy) = kv.Value.Counts();
            return new PoolSnapshot(kv.Value.Spec.FunctionKey, kv.Key, idle, busy);
        }).ToList();

    private void ReapIdle()
    {
        var now = _context.Time.GetTimestamp();
        var reaped = 0;
        foreach (var pool in _pools.Values)
        {
            reaped += pool.ReapIdle(now, _context.Options.IdleTimeout);
        }
        _context.StemCells?.ReapIdle(now, _context.Options.IdleTimeout);
        if (reaped > 0)
        {
            LogMessages.IdleReaped(_context.Logger, reaped);
        }
    }

    /// <summary>The stem cells cold starts take from (null when disabled); for tests and the benchmark.</summary>
    internal StemCells.StemCellBank? StemCells => _context.StemCells;

    public void Dispose()
    {
        _reaper.Dispose();
        _context.StemCells?.Dispose();
        foreach (var pool in _pools.Values)
        {
            pool.Stop();
        }
        _pools.Clear();
        _context.Runs?.Dispose();
    }
}
