namespace Nimbus.Lambda.Api.Dto;

internal sealed class GetPolicyResponseDto
{
    public string? Policy { get; set; }

    public string? RevisionId { get; set; }
}
