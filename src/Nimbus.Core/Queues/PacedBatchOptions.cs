namespace Nimbus.Core.Queues;

/// <summary>How a <see cref="PacedBatchWriter{T}"/> queues and commits.</summary>
/// <param name="Capacity">Items the queue holds before new ones are refused (memory stays bounded when storage falls behind).</param>
/// <param name="MaxBatch">The most items one commit takes; a queue holding this many is written without waiting.</param>
/// <param name="Interval">The least time between two commits while items keep arriving.</param>
public sealed record PacedBatchOptions(int Capacity, int MaxBatch, TimeSpan Interval);
