using System.Globalization;
using Nimbus.DynamoDb.Bench;

// DynamoDB benchmark: Nimbus (in this process) and, when installed, moto_server and dynalite, one after the other with
// the same load. Options: --seconds 5 --concurrency 8 --only nimbus
var seconds = Option("--seconds", 5);
var concurrency = Option("--concurrency", 8);
var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault();
var rows = new List<BenchRow>();
var starts = new List<(string Name, Func<Task<DynamoTarget?>> Start)>
{
    ("nimbus", async () => await DynamoTarget.NimbusAsync()),
    ("moto", () => DynamoTarget.ProcessAsync("moto", "moto_server", port => ["-p", port.ToString(CultureInfo.InvariantCulture)])),
    ("dynalite", () => DynamoTarget.ProcessAsync("dynalite", "dynalite", port => ["--port", port.ToString(CultureInfo.InvariantCulture)])),
};
foreach (var (name, start) in starts.Where(s => only is null || s.Name == only))
{
    await using var target = await start();
    if (target is null)
    {
        Console.WriteLine($"{name}: not installed, skipped");
        continue;
    }
    rows.AddRange(await DynamoBenchmark.RunAsync(target, TimeSpan.FromSeconds(seconds), concurrency));
}
Console.WriteLine($"1 KB items, {concurrency} concurrent callers, {seconds} s per operation");
Console.WriteLine($"{"server",-10} {"operation",-10} {"ops/s",10} {"p50 ms",8} {"p99 ms",8}");
foreach (var row in rows)
{
    Console.WriteLine($"{row.Target,-10} {row.Operation,-10} {row.OpsPerSecond,10:F0} {row.P50Ms,8:F2} {row.P99Ms,8:F2}");
}

int Option(string name, int fallback) =>
    args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
