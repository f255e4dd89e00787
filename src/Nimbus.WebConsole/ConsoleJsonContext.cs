using System.Text.Json.Serialization;

namespace Nimbus.WebConsole;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ConsoleSession))]
internal sealed partial class ConsoleJsonContext : JsonSerializerContext;
