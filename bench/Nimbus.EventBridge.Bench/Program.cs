using Nimbus.EventBridge.Bench;

// One command, one small table: see bench/README.md (bench/schedules).
var total = args.Length > 0 ? int.Parse(args[0]) : 100_000;
var due = args.Length > 1 ? int.Parse(args[1]) : 10_000;
await ScheduleBenchmark.RunAsync(total, due);
