namespace Nimbus.Lambda.Api.Dto;

/// <summary><c>OnSuccess</c> / <c>OnFailure</c>: one destination ARN.</summary>
internal sealed class DestinationDto
{
    public string? Destination { get; set; }
}
