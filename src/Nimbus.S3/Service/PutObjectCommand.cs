using Nimbus.S3.Model;

namespace Nimbus.S3.Service;

/// <summary>A PutObject once the wire layer has parsed it: what to store and what the body must prove.</summary>
internal sealed record PutObjectCommand
{
    public required string Bucket { get; init; }
    public required string Key { get; init; }
    public ObjectHeaders Headers { get; init; } = new();
    /// <summary>Decoded body length the client announced, checked after the body has been read.</summary>
    public long? ExpectedLength { get; init; }
    /// <summary>The <c>Content-MD5</c> digest to verify (BadDigest).</summary>
    public byte[]? ContentMd5 { get; init; }
    /// <summary>The hex SHA-256 of <c>x-amz-content-sha256</c> to verify (XAmzContentSHA256Mismatch).</summary>
    public string? ContentSha256 { get; init; }
    /// <summary>Flexible checksum algorithm to compute and store.</summary>
    public string? ChecksumAlgorithm { get; init; }
    /// <summary>The client's checksum value, read after the body (it may arrive in a trailer); null to only compute it.</summary>
    public Func<string?>? ExpectedChecksum { get; init; }
    /// <summary>The object's tags (<c>x-amz-tagging</c>), or null for none.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
    /// <summary><c>If-None-Match</c> of a conditional write (<c>*</c>: only if the key has no object).</summary>
    public string? IfNoneMatch { get; init; }
}
