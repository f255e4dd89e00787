namespace Nimbus.Lambda.EventSources;

/// <summary>What the poller reports back: settled states and the result of the last batch.</summary>
internal sealed partial class EventSourceMappingService
{
    /// <summary>
    /// Settles a transitional state into <c>Enabled</c> or <c>Disabled</c>, or removes a <c>Deleting</c> mapping with
    /// its checkpoint. Returns the mapping afterwards, or null when it is gone.
    /// </summary>
    public EventSourceMapping? Settle(string uuid)
    {
        lock (_gate)
        {
            if (!_mappings.TryGetValue(uuid, out var mapping))
            {
                return null;
            }
            if (mapping.State == MappingStates.Deleting)
            {
                _store.Delete(uuid);
                _mappings.TryRemove(uuid, out _);
                return null;
            }
            if (!mapping.IsTransitional)
            {
                return mapping;
            }
            var settled = mapping with { State = mapping.Enabled ? MappingStates.Enabled : MappingStates.Disabled };
            Save(settled);
            return settled;
        }
    }

    /// <summary><c>LastProcessingResult</c>: <c>OK</c> or <c>PROBLEM: …</c>, stored only when it changes.</summary>
    public void RecordResult(string uuid, string result)
    {
        lock (_gate)
        {
            if (_mappings.TryGetValue(uuid, out var mapping) && mapping.LastProcessingResult != result)
            {
                Save(mapping with { LastProcessingResult = result });
            }
        }
    }
}
