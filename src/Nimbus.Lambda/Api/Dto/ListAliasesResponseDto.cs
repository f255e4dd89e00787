namespace Nimbus.Lambda.Api.Dto;

internal sealed class ListAliasesResponseDto
{
    public string? NextMarker { get; set; }

    public List<AliasConfigurationDto> Aliases { get; set; } = [];
}
