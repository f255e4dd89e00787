namespace Nimbus.Lambda.Api.Dto;

/// <summary><c>Environment</c> / <c>EnvironmentResponse</c>.</summary>
internal sealed class EnvironmentDto
{
    public Dictionary<string, string>? Variables { get; set; }
}
