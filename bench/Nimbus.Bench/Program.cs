using Nimbus.Bench;

// One command, one small table: see bench/README.md.
if (args.FirstOrDefault() == "s3")
{
    await S3Benchmark.RunAsync(args[1..]);
    return;
}
var options = BenchOptions.Parse(args);
await InvokeBenchmark.RunAsync(options);
