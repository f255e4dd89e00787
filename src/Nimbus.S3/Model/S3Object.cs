namespace Nimbus.S3.Model;

/// <summary>
/// One object's metadata. The body lives in <see cref="BodyFile"/> (a name relative to the body store), never in
/// the metadata store.
/// </summary>
internal sealed record S3Object
{
    public required string Bucket { get; init; }
    public required string Key { get; init; }
    public required long Size { get; init; }
    /// <summary>Lower-case MD5 hex, without quotes.</summary>
    public required string ETag { get; init; }
    public required DateTimeOffset LastModified { get; init; }
    public required string BodyFile { get; init; }
    public ObjectHeaders Headers { get; init; } = new();
    /// <summary>Checksum algorithm name as S3 spells it (<c>CRC32</c>, <c>CRC32C</c>, <c>CRC64NVME</c>, <c>SHA1</c>, <c>SHA256</c>) or null.</summary>
    public string? ChecksumAlgorithm { get; init; }
    /// <summary>Base64 of the checksum's big-endian bytes, as the <c>x-amz-checksum-*</c> headers carry it.</summary>
    public string? ChecksumValue { get; init; }

    public string QuotedETag => "\"" + ETag + "\"";
}
