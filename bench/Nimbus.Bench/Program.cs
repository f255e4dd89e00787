using Nimbus.Bench;

// One command, one small table: see bench/README.md.
if (args is ["s3-events", .. var rest])
{
    await S3EventBenchmark.RunAsync(rest);
    return;
}
var options = BenchOptions.Parse(args);
await InvokeBenchmark.RunAsync(options);
