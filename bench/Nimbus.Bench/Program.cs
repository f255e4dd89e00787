using Nimbus.Bench;

// One command, one small table: see bench/README.md.
var options = BenchOptions.Parse(args);
await InvokeBenchmark.RunAsync(options);
