using System.Text.Json.Serialization;
using Nimbus.EventBridge.Model;

namespace Nimbus.EventBridge.Store;

/// <summary>Documents as stored in SQLite (one JSON column per row; keys are columns).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EventBusRecord))]
[JsonSerializable(typeof(RuleRecord))]
[JsonSerializable(typeof(ScheduleGroupRecord))]
[JsonSerializable(typeof(ScheduleRecord))]
[JsonSerializable(typeof(DeliveryDocument))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;
