namespace Nimbus.Lambda.Api.Dto;

internal sealed class DestinationConfigDto
{
    public DestinationDto? OnSuccess { get; set; }

    public DestinationDto? OnFailure { get; set; }
}
