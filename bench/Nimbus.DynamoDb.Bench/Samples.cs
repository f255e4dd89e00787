namespace Nimbus.DynamoDb.Bench;

/// <summary>Latencies (ms) of the calls one phase completed, and how long the phase ran.</summary>
internal sealed record Samples(List<double> LatenciesMs, double Seconds);
