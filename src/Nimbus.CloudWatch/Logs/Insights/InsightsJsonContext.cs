using System.Text.Json.Serialization;

namespace Nimbus.CloudWatch.Logs.Insights;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(InsightsErrors.CompileError))]
internal sealed partial class InsightsJsonContext : JsonSerializerContext;
