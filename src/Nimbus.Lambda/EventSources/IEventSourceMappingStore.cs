namespace Nimbus.Lambda.EventSources;

/// <summary>
/// Mappings and their checkpoints, durable before a call returns. A checkpoint is the sequence number of the last
/// stream record the mapping has finished with (null: start at the oldest record still held).
/// </summary>
internal interface IEventSourceMappingStore
{
    IReadOnlyList<EventSourceMapping> LoadAll();

    /// <summary>Stores a new mapping with its starting checkpoint in one transaction.</summary>
    void Insert(EventSourceMapping mapping, string? checkpoint);

    void Update(EventSourceMapping mapping);

    void Delete(string uuid);

    string? GetCheckpoint(string uuid);

    void SaveCheckpoint(string uuid, string sequenceNumber);
}
