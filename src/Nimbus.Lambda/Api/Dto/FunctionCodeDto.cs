namespace Nimbus.Lambda.Api.Dto;

/// <summary><c>FunctionCode</c>: the zip inline (base64 on the wire) or a location Nimbus does not serve yet.</summary>
internal sealed class FunctionCodeDto
{
    public byte[]? ZipFile { get; set; }

    public string? S3Bucket { get; set; }

    public string? S3Key { get; set; }

    public string? S3ObjectVersion { get; set; }

    public string? ImageUri { get; set; }

    public string? SourceKMSKeyArn { get; set; }
}
