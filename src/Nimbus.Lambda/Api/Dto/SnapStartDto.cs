namespace Nimbus.Lambda.Api.Dto;

/// <summary><c>SnapStart</c> (request) and <c>SnapStartResponse</c>: accepted, always reported off.</summary>
internal sealed class SnapStartDto
{
    public string? ApplyOn { get; set; }

    public string? OptimizationStatus { get; set; }
}
