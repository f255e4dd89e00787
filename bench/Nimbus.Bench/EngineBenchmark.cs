using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Nimbus.Core;
using Nimbus.Execution;
using Nimbus.Execution.Processes;

namespace Nimbus.Bench;

/// <summary>
/// The execution engine on its own (no HTTP): cold starts sandboxed with and without stem cells, the memory an idle
/// warm environment holds, and what the sandbox adds to a warm invoke compared with a plain process.
/// </summary>
internal static class EngineBenchmark
{
    public static async Task RunAsync(BenchOptions options)
    {
        var sandbox = BubblewrapProcessLauncher.TryCreate(out var problem);
        if (sandbox is null)
        {
            Console.Error.WriteLine($"engine benchmark skipped: no sandbox here ({problem})");
            return;
        }
        var catalog = new RuntimeCatalog();
        var rows = new List<string>();
        foreach (var runtime in options.Runtimes)
        {
            Console.Error.WriteLine($"[{runtime}] engine: cold starts with stem cells ({options.ColdStarts})...");
            var cells = await ColdStartsAsync(catalog, sandbox, runtime, options.ColdStarts, stemCells: 2);
            Console.Error.WriteLine($"[{runtime}] engine: cold starts without stem cells ({options.ColdStarts})...");
            var plain = await ColdStartsAsync(catalog, sandbox, runtime, options.ColdStarts, stemCells: 0);
            Console.Error.WriteLine($"[{runtime}] engine: idle memory and warm invokes, sandboxed and plain ({options.WarmInvokes})...");
            var (sandboxP50, sandboxP99, idle) = await WarmAsync(catalog, sandbox, runtime, options.WarmInvokes, 128);
            // At 1,769 MB the quota is a whole core: what is left is the sandbox's own cost.
            var (fullP50, fullP99, _) = await WarmAsync(catalog, sandbox, runtime, options.WarmInvokes, 1769);
            var (plainP50, plainP99, _) = await WarmAsync(catalog, new PosixProcessLauncher(), runtime, options.WarmInvokes, 128);
            rows.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {runtime,-11} | {Stats.Percentile(cells.Latencies, 50),6:F1} / {Stats.Percentile(cells.Latencies, 99),6:F1} ({Stats.Percentile(cells.Inits, 50),5:F1}) | {Stats.Percentile(plain.Latencies, 50),6:F1} / {Stats.Percentile(plain.Latencies, 99),6:F1} ({Stats.Percentile(plain.Inits, 50),5:F1}) | {idle.CgroupMb,6:F1} / {idle.RssMb,5:F1} | {sandboxP50,5:F2} / {sandboxP99,6:F2} | {fullP50,5:F2} / {fullP99,6:F2} | {plainP50,5:F2} / {plainP99,5:F2} |"));
        }
        Console.WriteLine();
        Console.WriteLine($"Execution engine, sandboxed ({sandbox.IsolationLevel}) — load average {LoadAverage()} at the end");
        Console.WriteLine("| runtime     | cold p50/p99 (init p50), stem cells, ms | cold p50/p99 (init p50), no cells, ms | idle env cgroup/RSS MB | warm p50/p99 sandbox 128 MB ms | warm p50/p99 sandbox 1769 MB ms | warm p50/p99 plain ms |");
        Console.WriteLine("|-------------|------------------------------------------|---------------------------------------|------------------------|--------------------------------|---------------------------------|-----------------------|");
        foreach (var row in rows)
        {
            Console.WriteLine(row);
        }
    }

    /// <summary>
    /// Distinct functions invoked once each, apart: 100 ms, and with stem cells until the pool's background refill has
    /// booted its cells again (at most 10 s), as between unrelated cold starts in real traffic; each is retired afterwards.
    /// </summary>
    private static async Task<(List<double> Latencies, List<double> Inits)> ColdStartsAsync(RuntimeCatalog catalog, IProcessLauncher launcher,
        string runtime, int count, int stemCells)
    {
        using var engine = NewEngine(catalog, launcher, stemCells);
        var latencies = new List<double>();
        var inits = new List<double>();
        // The first cold start of a kind primes its pool: not measured.
        for (var i = -1; i < count; i++)
        {
            var spec = NoOp(runtime, $"cold{i + 1}");
            var started = Stopwatch.GetTimestamp();
            var outcome = await engine.InvokeAsync(spec, Request(), CancellationToken.None);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            Check(outcome);
            if (i >= 0)
            {
                latencies.Add(elapsed);
                inits.Add(outcome.InitDurationMs ?? double.NaN);
            }
            await engine.RetireAsync(spec.FunctionKey);
            await WaitForBootedCellsAsync(engine);
        }
        return (latencies, inits);
    }

    /// <summary>
    /// Cold starts of unrelated functions arrive apart: 100 ms, and until the stem-cell pools' background refill has
    /// booted its cells again (at most 10 s).
    /// </summary>
    internal static async Task WaitForBootedCellsAsync(ExecutionEngine? engine)
    {
        var cells = engine?.StemCells;
        for (var wait = 0; wait < 200 && cells is not null && !cells.Primed; wait++)
        {
            await Task.Delay(50);
        }
        await Task.Delay(100);
    }

    private static async Task<(double P50, double P99, (double CgroupMb, double RssMb) Idle)> WarmAsync(RuntimeCatalog catalog,
        IProcessLauncher launcher, string runtime, int count, int memorySizeMb)
    {
        using var engine = NewEngine(catalog, launcher, stemCells: 0);
        var spec = NoOp(runtime, "warm") with { MemorySizeMb = memorySizeMb };
        for (var i = 0; i < 50; i++)
        {
            Check(await engine.InvokeAsync(spec, Request(), CancellationToken.None));
        }
        var idle = IdleMemory();
        var latencies = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            Check(await engine.InvokeAsync(spec, Request(), CancellationToken.None));
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return (Stats.Percentile(latencies, 50), Stats.Percentile(latencies, 99), idle);
    }

    /// <summary>The one environment's cgroup charge (memory.usage_in_bytes / memory.current) and the RSS of its processes.</summary>
    private static (double CgroupMb, double RssMb) IdleMemory()
    {
        var server = "server-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        foreach (var (parent, usageFile) in ((string, string)[])[("/sys/fs/cgroup/memory/nimbus/" + server, "memory.usage_in_bytes"), ("/sys/fs/cgroup/nimbus/" + server, "memory.current")])
        {
            if (!Directory.Exists(parent))
            {
                continue;
            }
            // The live one (earlier engines' environments may still be on their way out).
            var environment = Directory.EnumerateDirectories(parent, "env-*")
                .FirstOrDefault(d => File.Exists(Path.Combine(d, "cgroup.procs")) && File.ReadAllLines(Path.Combine(d, "cgroup.procs")).Length > 0);
            if (environment is null)
            {
                continue;
            }
            var usage = long.Parse(File.ReadAllText(Path.Combine(environment, usageFile)).Trim(), CultureInfo.InvariantCulture);
            var rssKb = File.ReadAllLines(Path.Combine(environment, "cgroup.procs")).Sum(pid => RssKb(pid));
            return (usage / 1048576.0, rssKb / 1024.0);
        }
        return (double.NaN, double.NaN);
    }

    private static long RssKb(string pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static ExecutionEngine NewEngine(RuntimeCatalog catalog, IProcessLauncher launcher, int stemCells) =>
        new(catalog, new ExecutionOptions { StemCellsPerRuntime = stemCells }, launcher, new DiscardingLogIngestion(),
            new EdgeEndpoint { Url = "http://127.0.0.1:4566" }, TimeProvider.System, NullLogger<ExecutionEngine>.Instance);

    private static EnvironmentSpec NoOp(string runtime, string name)
    {
        var python = runtime.StartsWith("python", StringComparison.Ordinal);
        var directory = Path.Combine(Path.GetTempPath(), "nimbus-bench-code", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, python ? "app.py" : "index.js"),
            python ? "def handler(event, context):\n    return {}\n" : "exports.handler = async () => ({});\n");
        name += "-" + Guid.NewGuid().ToString("N")[..8];
        return new EnvironmentSpec
        {
            Scope = new AwsScope("000000000000", "us-east-1"),
            FunctionName = name,
            FunctionKey = name,
            PoolKey = name,
            Version = "$LATEST",
            FunctionArn = "arn:aws:lambda:us-east-1:000000000000:function:" + name,
            Runtime = runtime,
            Handler = python ? "app.handler" : "index.handler",
            CodeDirectory = directory,
            MemorySizeMb = 128,
            TimeoutSeconds = 10,
            LogGroupName = "/aws/lambda/" + name,
        };
    }

    private static InvocationRequest Request() => new()
    {
        RequestId = RequestIds.NewRequestId(),
        Payload = "{}"u8.ToArray(),
        InvokedFunctionArn = "arn:aws:lambda:us-east-1:000000000000:function:bench",
    };

    private static void Check(InvocationOutcome outcome)
    {
        if (outcome.Status != InvocationStatus.Success)
        {
            throw new InvalidOperationException($"invoke failed: {outcome.Status} {Encoding.UTF8.GetString(outcome.Payload.Span)}");
        }
    }

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}
