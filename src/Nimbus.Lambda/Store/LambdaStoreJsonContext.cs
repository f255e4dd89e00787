using System.Text.Json.Serialization;
using Nimbus.Lambda.Model;

namespace Nimbus.Lambda.Store;

/// <summary>Source-generated serializer of the stored function documents.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(FunctionDocument))]
internal sealed partial class LambdaStoreJsonContext : JsonSerializerContext;
