using System.Text.Json.Serialization;

namespace Nimbus.Console;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ConsoleSession))]
internal sealed partial class ConsoleJsonContext : JsonSerializerContext;
