namespace Nimbus.Lambda.Api.Dto;

internal sealed class UpdateFunctionCodeRequestDto
{
    public byte[]? ZipFile { get; set; }

    public string? S3Bucket { get; set; }

    public string? S3Key { get; set; }

    public string? S3ObjectVersion { get; set; }

    public string? ImageUri { get; set; }

    public bool? Publish { get; set; }

    public bool? DryRun { get; set; }

    public string? RevisionId { get; set; }

    public List<string>? Architectures { get; set; }
}
