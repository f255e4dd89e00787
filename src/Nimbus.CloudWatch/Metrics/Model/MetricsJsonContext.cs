using System.Text.Json.Serialization;

namespace Nimbus.CloudWatch.Metrics.Model;

[JsonSerializable(typeof(string[][]))]
internal sealed partial class MetricsJsonContext : JsonSerializerContext;
