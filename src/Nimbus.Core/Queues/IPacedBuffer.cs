namespace Nimbus.Core.Queues;

/// <summary>
/// What a <see cref="PacedWriter{TBuffer}"/> fills between commits: a list of queued items, or running sums per key
/// (metrics, usage) so that thousands of events a second cost a few dictionary hits and no objects that outlive a
/// garbage collection.
/// </summary>
public interface IPacedBuffer
{
    /// <summary>Entries held: items queued, or distinct keys summed. Bounds memory (the writer's capacity).</summary>
    int Count { get; }

    /// <summary>Empties the buffer once it is written, so it can be filled again.</summary>
    void Clear();
}
