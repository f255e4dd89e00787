namespace Nimbus.Lambda.Api.Dto;

internal sealed class FilterDto
{
    public string? Pattern { get; set; }
}
