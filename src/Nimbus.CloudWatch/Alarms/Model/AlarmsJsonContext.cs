using System.Text.Json.Serialization;

namespace Nimbus.CloudWatch.Alarms.Model;

[JsonSerializable(typeof(MetricAlarm))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class AlarmsJsonContext : JsonSerializerContext;
