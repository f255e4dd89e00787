using Nimbus.Bench;

// One command, one small table: see bench/README.md.
var options = BenchOptions.Parse(args);
if (options.Only is null or "http")
{
    await InvokeBenchmark.RunAsync(options);
}
if (options.Only is null or "engine")
{
    await EngineBenchmark.RunAsync(options);
}
