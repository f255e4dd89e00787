namespace Nimbus.Lambda.Api.Dto;

internal sealed class AddPermissionResponseDto
{
    public string? Statement { get; set; }
}
