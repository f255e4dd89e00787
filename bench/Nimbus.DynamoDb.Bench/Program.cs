using System.Globalization;
using Nimbus.DynamoDb.Bench;

// DynamoDB benchmark: Nimbus (the shipped server; in this process with --in-process), moto_server and dynalite started
// together, each in a process of its own, then driven with the same load in interleaved rounds (each round runs every
// operation on every server, in a rotating order), so a change in the machine's load during the run falls on all
// servers alike. Options: --seconds 3 --rounds 3 --concurrency 8
// --only nimbus,nimbus-fsync,moto,dynalite --ops PutItem,GetItem,Query(10) --in-process
// --baseline DIR (a Nimbus.Server build directory, e.g. of the previous commit: one more server, "baseline", in the same rounds)
var seconds = Option("--seconds", 3);
var rounds = Option("--rounds", 3);
var concurrency = Option("--concurrency", 8);
var only = (args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault() ?? "nimbus,nimbus-fsync,moto,dynalite").Split(',');
var operations = (args.SkipWhile(a => a != "--ops").Skip(1).FirstOrDefault() ?? string.Join(',', DynamoBenchmark.Operations)).Split(',');
var baseline = args.SkipWhile(a => a != "--baseline").Skip(1).FirstOrDefault();
var starts = new List<(string Name, Func<Task<DynamoTarget?>> Start)>
{
    ("nimbus", async () => args.Contains("--in-process") ? await DynamoTarget.NimbusAsync() : await DynamoTarget.NimbusProcessAsync()),
    // The same server answering writes only after their fsync (--dynamodb-durability fsync): what power-loss durability costs.
    ("nimbus-fsync", () => DynamoTarget.NimbusProcessAsync("nimbus-fsync", arguments: ["--dynamodb-durability", "fsync"])),
    ("moto", () => DynamoTarget.ProcessAsync("moto", "moto_server", port => ["-p", port.ToString(CultureInfo.InvariantCulture)])),
    // Tables ACTIVE at once, as in Nimbus and moto; in-memory store (dynalite's default).
    ("dynalite", () => DynamoTarget.ProcessAsync("dynalite", "dynalite", port => ["--port", port.ToString(CultureInfo.InvariantCulture), "--createTableMs", "0"])),
};
if (baseline is not null)
{
    starts.Insert(1, ("baseline", () => DynamoTarget.NimbusProcessAsync("baseline", Path.GetFullPath(baseline))));
    only = [.. only, "baseline"];
}
var targets = new List<DynamoTarget>();
var benchmarks = new List<DynamoBenchmark>();
try
{
    foreach (var (name, start) in starts.Where(s => only.Contains(s.Name)))
    {
        if (await start() is not { } target)
        {
            Console.WriteLine($"{name}: not installed, skipped");
            continue;
        }
        targets.Add(target);
        var benchmark = new DynamoBenchmark(target, concurrency);
        await benchmark.SetUpAsync();
        benchmarks.Add(benchmark);
    }
    var samples = new Dictionary<(string, string), List<Samples>>();
    for (var round = 0; round < rounds; round++)
    {
        foreach (var operation in operations)
        {
            for (var k = 0; k < benchmarks.Count; k++)
            {
                var benchmark = benchmarks[(k + round) % benchmarks.Count];
                var result = await benchmark.RunAsync(operation, TimeSpan.FromSeconds(seconds));
                (samples.TryGetValue((benchmark.Name, operation), out var list) ? list : samples[(benchmark.Name, operation)] = []).Add(result);
            }
        }
    }
    Console.WriteLine($"1 KB items, {concurrency} concurrent callers, {rounds} interleaved rounds of {seconds} s per server and operation");
    Console.WriteLine($"load average at the end: {File.ReadAllText("/proc/loadavg").Trim()}");
    // Nimbus answers a write only after its WAL is fsynced (dynalite and moto keep items in memory; nimbus-process answers
    // once the write is in the WAL): every caller waits for at least one fsync per write, so C callers get about
    // C / fsync writes per second at best. It varies with the disk's other work; measured once, at the end.
    var fsync = FsyncMs.Measure(Path.GetTempPath(), 50);
    Console.WriteLine($"fsync of a 4 KB rewrite in the data directory's file system now: p50 {fsync:F2} ms (~{concurrency / fsync * 1000:F0} durable writes/s at {concurrency} callers)");
    // CPU per operation is the client's and the server's together (the client is the same for every server), from
    // process CPU times, so it varies far less than ops/s with the machine's other load; KB/op is what this process
    // allocated per operation (the client's: ~7 KB; the client's and Nimbus's with --in-process).
    Console.WriteLine($"{"operation",-10} {"server",-14} {"ops/s",10} {"p50 ms",8} {"p99 ms",8} {"vs moto",8} {"vs dynalite",11} {"CPU us/op",10} {"KB/op",7}");
    foreach (var operation in operations)
    {
        var rows = benchmarks.Select(b => Row(b.Name, operation, samples[(b.Name, operation)])).ToList();
        foreach (var row in rows)
        {
            Console.WriteLine($"{row.Operation,-10} {row.Target,-14} {row.OpsPerSecond,10:F0} {row.P50Ms,8:F2} {row.P99Ms,8:F2} {Ratio(row, rows, "moto"),8} {Ratio(row, rows, "dynalite"),11} {row.CpuUsPerOp,10:F0} {row.KbPerOp,7:F1}");
        }
    }
}
finally
{
    foreach (var benchmark in benchmarks)
    {
        benchmark.Dispose();
    }
    foreach (var target in targets)
    {
        await target.DisposeAsync();
    }
}

static BenchRow Row(string target, string operation, List<Samples> samples)
{
    var all = samples.SelectMany(s => s.LatenciesMs).Order().ToList();
    var cpuUs = samples.Sum(s => s.CpuMs) * 1000 / Math.Max(1, all.Count);
    var kb = samples.Sum(s => s.AllocatedBytes) / 1024.0 / Math.Max(1, all.Count);
    return new BenchRow(target, operation, all.Count / samples.Sum(s => s.Seconds), Percentile(all, 0.50), Percentile(all, 0.99), cpuUs, kb);
}

static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

static string Ratio(BenchRow row, List<BenchRow> rows, string other) =>
    rows.FirstOrDefault(r => r.Target == other) is { OpsPerSecond: > 0 } baseline ? $"{row.OpsPerSecond / baseline.OpsPerSecond:F1}x" : "-";

int Option(string name, int fallback) =>
    args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
