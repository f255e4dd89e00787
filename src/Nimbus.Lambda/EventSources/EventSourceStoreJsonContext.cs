using System.Text.Json.Serialization;

namespace Nimbus.Lambda.EventSources;

/// <summary>How mappings are stored in SQLite (one JSON document per mapping).</summary>
[JsonSerializable(typeof(EventSourceMapping))]
internal sealed partial class EventSourceStoreJsonContext : JsonSerializerContext;
