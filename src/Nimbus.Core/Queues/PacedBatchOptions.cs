namespace Nimbus.Core.Queues;

/// <summary>How a <see cref="PacedWriter{TBuffer}"/> buffers and commits.</summary>
/// <param name="Capacity">Entries a buffer holds before new ones are refused (memory stays bounded when storage falls behind).</param>
/// <param name="MaxBatch">A buffer holding this many entries is written without waiting out the interval.</param>
/// <param name="Interval">The least time between two commits while items keep arriving.</param>
public sealed record PacedBatchOptions(int Capacity, int MaxBatch, TimeSpan Interval);
