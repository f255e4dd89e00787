using Nimbus.Bench;

// One command, one small table: see bench/README.md.
if (args.FirstOrDefault() == "s3")
{
    await S3Benchmark.RunAsync(args[1..]);
    return;
}
if (args is ["s3-events", .. var rest])
{
    await S3EventBenchmark.RunAsync(rest);
    return;
}
var options = BenchOptions.Parse(args);
await InvokeBenchmark.RunAsync(options);
