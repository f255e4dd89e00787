namespace Nimbus.DynamoDb.Bench;

/// <summary>
/// Latencies (ms) of the calls one phase completed, how long the phase ran, the CPU time it cost (this process — the
/// client, and Nimbus when it is the server — plus a server's own process) and the bytes this process allocated.
/// </summary>
internal sealed record Samples(List<double> LatenciesMs, double Seconds, double CpuMs, long AllocatedBytes);
