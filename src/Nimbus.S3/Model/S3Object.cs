namespace Nimbus.S3.Model;

/// <summary>
/// One object version's metadata. The body lives in <see cref="BodyFile"/> (a name relative to the body store) or, for
/// small objects, inline in the metadata store. A delete marker is a version with no body.
/// </summary>
internal sealed record S3Object
{
    /// <summary>The version id of objects written while versioning was never enabled or is suspended.</summary>
    public const string NullVersion = "null";

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
    /// <summary><see cref="NullVersion"/> or a 32-character id minted when the bucket's versioning is Enabled.</summary>
    public string VersionId { get; init; } = NullVersion;
    public bool IsDeleteMarker { get; init; }
    /// <summary>The object's tag set (at most 10), in the order it was given.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = EmptyTags;
    /// <summary>The body itself when small enough to live in the metadata store (<see cref="BodyFile"/> then names it there).</summary>
    public byte[]? InlineBody { get; init; }
    /// <summary>
    /// Whether the bucket had versioning configured (Enabled or Suspended) when this version was read or written: S3 then
    /// names even the <c>null</c> version in <c>x-amz-version-id</c>. Not stored; set by the service.
    /// </summary>
    public bool InVersionedBucket { get; init; }

    public string QuotedETag => "\"" + ETag + "\"";

    private static readonly Dictionary<string, string> EmptyTags = new(StringComparer.Ordinal);
}
