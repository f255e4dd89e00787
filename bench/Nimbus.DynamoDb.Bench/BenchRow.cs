namespace Nimbus.DynamoDb.Bench;

internal sealed record BenchRow(string Target, string Operation, double OpsPerSecond, double P50Ms, double P99Ms, double CpuUsPerOp, double KbPerOp);
