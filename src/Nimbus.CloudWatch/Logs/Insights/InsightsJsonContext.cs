using System.Text.Json.Serialization;

namespace Nimbus.CloudWatch.Logs.Insights;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(InsightsErrors.CompileError))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(string[][][]))]
internal sealed partial class InsightsJsonContext : JsonSerializerContext;
