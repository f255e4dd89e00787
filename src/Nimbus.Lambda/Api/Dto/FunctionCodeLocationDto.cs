namespace Nimbus.Lambda.Api.Dto;

internal sealed class FunctionCodeLocationDto
{
    public string? RepositoryType { get; set; }

    public string? Location { get; set; }
}
