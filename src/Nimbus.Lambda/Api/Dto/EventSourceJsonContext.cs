using System.Text.Json.Serialization;

namespace Nimbus.Lambda.Api.Dto;

/// <summary>Source-generated serializers of the event source mapping operations' shapes.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EventSourceMappingRequestDto))]
[JsonSerializable(typeof(EventSourceMappingConfigurationDto))]
[JsonSerializable(typeof(ListEventSourceMappingsResponseDto))]
internal sealed partial class EventSourceJsonContext : JsonSerializerContext;
