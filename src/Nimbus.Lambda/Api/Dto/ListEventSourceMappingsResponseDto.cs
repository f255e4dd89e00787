namespace Nimbus.Lambda.Api.Dto;

internal sealed class ListEventSourceMappingsResponseDto
{
    public string? NextMarker { get; set; }

    public List<EventSourceMappingConfigurationDto> EventSourceMappings { get; set; } = [];
}
