namespace Nimbus.Lambda.Api.Dto;

internal sealed class TracingConfigDto
{
    public string? Mode { get; set; }
}
