namespace Nimbus.Lambda.Api.Dto;

internal sealed class RuntimeVersionConfigDto
{
    public string? RuntimeVersionArn { get; set; }
}
