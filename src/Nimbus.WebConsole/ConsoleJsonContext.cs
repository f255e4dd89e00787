using System.Text.Json.Serialization;

namespace Nimbus.WebConsole;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ConsoleSession))]
[JsonSerializable(typeof(NimbusLiveness))]
[JsonSerializable(typeof(NimbusRefusal))]
internal sealed partial class ConsoleJsonContext : JsonSerializerContext;
