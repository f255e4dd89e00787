using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Nimbus.Bench;

/// <summary>
/// <c>bench/run s3</c> (or <c>bench/run --only s3</c>): Nimbus (Release server process) and moto_server, one after the
/// other on the same machine with the same client and the same number of concurrent requests: PUT and GET throughput
/// for 4 KB and 1 MB objects, then a multipart upload (default 1 GiB in 16 MiB parts) with the server's resident memory
/// before and at its peak during the upload. 64 concurrent requests by default: enough for Nimbus's group commit to
/// batch PUTs the way concurrent clients of a real store do (one client at a time would measure fsync latency only).
/// </summary>
internal static class S3Benchmark
{
    private sealed record Result(string Server, double Put4K, double Get4K, double Put1M, double Get1M, double MultipartSeconds, double RssBefore, double RssPeak,
        double PutCpuMicros, double GetCpuMicros);

    public static async Task RunAsync(string[] args)
    {
        var seconds = Option(args, "--seconds", 5.0);
        var concurrency = (int)Option(args, "--concurrency", 64);
        var multipartMiB = (int)Option(args, "--multipart-mib", 1024);
        var warmup = Option(args, "--warmup-seconds", 10.0);
        var servers = (Array.IndexOf(args, "--servers") is var i && i >= 0 ? args[i + 1] : "nimbus,moto").Split(',');
        Console.WriteLine($"S3 benchmark: {warmup:0} s warm-up, {seconds:0} s per phase, {concurrency} concurrent requests, {multipartMiB} MiB multipart upload (16 MiB parts, 4 at a time); " +
            $"{Environment.ProcessorCount} CPUs, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at start");
        var results = new List<Result>();
        foreach (var name in servers)
        {
            var port = FreePort();
            await using var server = name == "moto" ? await ServerProcess.StartMotoAsync(port) : await ServerProcess.StartNimbusAsync(port);
            results.Add(await MeasureAsync(server, TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(warmup), concurrency, multipartMiB));
        }
        Console.WriteLine();
        Console.WriteLine($"{concurrency} concurrent requests for both servers:");
        Console.WriteLine("| server | PUT 4 KB (ops/s) | GET 4 KB (ops/s) | PUT 1 MB (MB/s) | GET 1 MB (MB/s) | multipart upload (s, MB/s) | RSS before (MiB) | RSS peak during upload (MiB) | server CPU per PUT / GET 4 KB (µs) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Server} | {r.Put4K:0} | {r.Get4K:0} | {r.Put1M:0.0} | {r.Get1M:0.0} | {(double.IsNaN(r.MultipartSeconds) ? "did not finish" : $"{r.MultipartSeconds:0.0} ({multipartMiB / r.MultipartSeconds:0})")} | {r.RssBefore:0} | {r.RssPeak:0} (+{r.RssPeak - r.RssBefore:0}) | {r.PutCpuMicros:0} / {r.GetCpuMicros:0} |"));
        }
        if (results.Count == 2)
        {
            var (a, b) = (results[0], results[1]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {a.Server}/{b.Server} | {a.Put4K / b.Put4K:0.0}x | {a.Get4K / b.Get4K:0.0}x | {a.Put1M / b.Put1M:0.0}x | {a.Get1M / b.Get1M:0.0}x | {(double.IsNaN(b.MultipartSeconds) || double.IsNaN(a.MultipartSeconds) ? "n/a" : $"{b.MultipartSeconds / a.MultipartSeconds:0.0}x")} | | | {b.PutCpuMicros / a.PutCpuMicros:0.0}x / {b.GetCpuMicros / a.GetCpuMicros:0.0}x less |"));
        }
    }

    private static async Task<Result> MeasureAsync(ServerProcess server, TimeSpan duration, TimeSpan warmup, int concurrency, int multipartMiB)
    {
        using var client = new S3BenchClient(server.Url);
        await client.CreateBucketAsync("bench");
        var small = new byte[4 * 1024];
        var large = new byte[1024 * 1024];
        Random.Shared.NextBytes(small);
        Random.Shared.NextBytes(large);
        // Unmeasured PUTs and GETs at the same concurrency first: a .NET server JITs and tiers up its hot paths in the
        // first seconds (on a loaded 2-core host most of its CPU then goes to the JIT), which would measure start-up.
        Console.WriteLine($"{server.Name}: warming up for {warmup.TotalSeconds:0} s");
        var warmPuts = await RunForAsync(warmup / 2, concurrency, (w, i) => client.PutAsync("bench", $"warm/{w}/{i % 50}", small));
        await RunForAsync(warmup / 2, concurrency, (w, i) => client.GetAsync("bench", $"warm/{w}/{i % Math.Min(50, Math.Max(1, warmPuts.PerWorker[w]))}"));

        var cpu = server.CpuSeconds();
        var put4K = await RunForAsync(duration, concurrency, (w, i) => client.PutAsync("bench", $"small/{w}/{i % 500}", small));
        var putCpu = (server.CpuSeconds() - cpu) * 1e6 / put4K.PerWorker.Sum();
        cpu = server.CpuSeconds();
        var get4K = await RunForAsync(duration, concurrency, (w, i) => client.GetAsync("bench", $"small/{w}/{i % Math.Min(500, Math.Max(1, put4K.PerWorker[w]))}"));
        var getCpu = (server.CpuSeconds() - cpu) * 1e6 / get4K.PerWorker.Sum();
        var put1M = await RunForAsync(duration, concurrency, (w, i) => client.PutAsync("bench", $"large/{w}/{i % 20}", large));
        var get1M = await RunForAsync(duration, concurrency, (w, i) => client.GetAsync("bench", $"large/{w}/{i % Math.Min(20, Math.Max(1, put1M.PerWorker[w]))}"));
        Console.WriteLine($"{server.Name}: PUT 4 KB {put4K.Rate:0}/s ({putCpu:0} µs CPU each), GET 4 KB {get4K.Rate:0}/s ({getCpu:0} µs CPU each), PUT 1 MB {put1M.Rate:0.0}/s, GET 1 MB {get1M.Rate:0.0}/s");

        var part = new byte[16 * 1024 * 1024];
        Random.Shared.NextBytes(part);
        var before = server.RssMiB();
        using var stop = new CancellationTokenSource();
        var peak = server.PeakRssAsync(stop.Token);
        var clock = Stopwatch.StartNew();
        var multipartSeconds = double.NaN;
        try
        {
            await client.MultipartAsync("bench", "multipart.bin", part, multipartMiB / 16, 4);
            multipartSeconds = clock.Elapsed.TotalSeconds;
        }
        catch (Exception e) when (e is TaskCanceledException or HttpRequestException or InvalidOperationException)
        {
            // moto can take longer than the client's timeout per part; the table says so instead of losing the run.
            Console.WriteLine($"{server.Name}: multipart upload failed after {clock.Elapsed.TotalSeconds:0} s: {e.GetType().Name}: {e.Message}");
        }
        await stop.CancelAsync();
        var peakRss = await peak;
        Console.WriteLine($"{server.Name}: {multipartMiB} MiB multipart in {multipartSeconds:0.0} s, RSS {before:0} -> peak {peakRss:0} MiB");
        return new Result(server.Name, put4K.Rate, get4K.Rate, put1M.Rate, get1M.Rate, multipartSeconds, before, peakRss, putCpu, getCpu);
    }

    private sealed record Throughput(double Rate, int[] PerWorker);

    /// <summary>Runs <paramref name="operation"/> on <paramref name="concurrency"/> workers for a fixed time; operations per second.</summary>
    private static async Task<Throughput> RunForAsync(TimeSpan duration, int concurrency, Func<int, int, Task> operation)
    {
        var counts = new int[concurrency];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var i = 0;
            while (clock.Elapsed < duration)
            {
                await operation(worker, i++);
                counts[worker]++;
            }
        }));
        return new Throughput(counts.Sum() / clock.Elapsed.TotalSeconds, counts);
    }

    private static double Option(string[] args, string name, double fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? double.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
