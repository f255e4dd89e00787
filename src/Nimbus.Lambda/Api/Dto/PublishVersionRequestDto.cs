namespace Nimbus.Lambda.Api.Dto;

internal sealed class PublishVersionRequestDto
{
    public string? CodeSha256 { get; set; }

    public string? Description { get; set; }

    public string? RevisionId { get; set; }
}
