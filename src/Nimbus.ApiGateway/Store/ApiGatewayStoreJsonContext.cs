using System.Text.Json.Serialization;
using Nimbus.ApiGateway.Model;

namespace Nimbus.ApiGateway.Store;

/// <summary>Serializers of what the store persists (the same camelCase names the wire uses).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ApiDocument))]
[JsonSerializable(typeof(DeploymentSnapshot))]
internal sealed partial class ApiGatewayStoreJsonContext : JsonSerializerContext;
