using System.Buffers;
using System.Security.Cryptography;
using Nimbus.S3.Api;
using Nimbus.S3.Model;
using Nimbus.S3.Protocol;
using Nimbus.S3.Store;

namespace Nimbus.S3.Service;

/// <summary>Object bodies: written through a pooled buffer and hashed on the way, small ones inline, others as files.</summary>
internal sealed partial class S3Service
{
    /// <summary>A body to read: the inline bytes, or the body file.</summary>
    public Stream OpenBody(S3Object obj) =>
        obj.InlineBody is { } inline ? new MemoryStream(inline, writable: false) : _bodies.OpenRead(obj.BodyFile);

    /// <summary>The body file of an object that has one (not inline), for sendfile.</summary>
    public string BodyPath(S3Object obj) => _bodies.PathOf(obj.BodyFile);

    /// <summary>
    /// Streams a body to durable storage, verifying what the command asks; the result is not yet published. Object
    /// bodies up to <see cref="ObjectBodyStore.InlineLimit"/> stay inline (<paramref name="allowInline"/>); parts are
    /// always files, since completing an upload concatenates files.
    /// </summary>
    private async Task<S3Object> WriteBodyAsync(PutObjectCommand command, Stream body, bool allowInline, CancellationToken cancellationToken)
    {
        using var writer = new BodyWriter(_bodies, allowInline && command.ExpectedLength is null or <= ObjectBodyStore.InlineLimit);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        using var sha256 = command.ContentSha256 is null ? null : IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var checksum = command.ChecksumAlgorithm is null ? null : ChecksumCalculator.Create(command.ChecksumAlgorithm);
        try
        {
            long size = 0;
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
            {
                var chunk = buffer.AsSpan(0, read);
                md5.AppendData(chunk);
                sha256?.AppendData(chunk);
                checksum?.Append(chunk);
                size += read;
                if (size > MaxObjectSize)
                {
                    throw S3Errors.EntityTooLarge();
                }
                await writer.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
            if (command.ExpectedLength is { } expected && expected != size)
            {
                throw S3Errors.IncompleteBody($"You did not provide the number of bytes specified by the Content-Length HTTP header ({expected} expected, {size} received).");
            }
            var etag = Convert.ToHexStringLower(md5.GetHashAndReset());
            if (command.ContentMd5 is { } contentMd5 && Convert.ToHexStringLower(contentMd5) != etag)
            {
                throw S3Errors.BadDigest("Content-MD5");
            }
            if (sha256 is not null)
            {
                var computed = Convert.ToHexStringLower(sha256.GetHashAndReset());
                if (!string.Equals(computed, command.ContentSha256, StringComparison.OrdinalIgnoreCase))
                {
                    throw S3Errors.ContentSha256Mismatch(command.ContentSha256!, computed);
                }
            }
            string? checksumValue = null;
            if (checksum is not null)
            {
                checksumValue = checksum.GetBase64();
                var claimed = command.ExpectedChecksum?.Invoke();
                if (claimed is not null && claimed != checksumValue)
                {
                    throw S3Errors.BadDigest(checksum.Algorithm.ToLowerInvariant());
                }
            }

            var (bodyFile, inline) = writer.Commit();
            return new S3Object
            {
                Bucket = command.Bucket,
                Key = command.Key,
                Size = size,
                ETag = etag,
                LastModified = _time.GetUtcNow(),
                BodyFile = bodyFile,
                InlineBody = inline,
                Headers = command.Headers,
                ChecksumAlgorithm = checksum?.Algorithm,
                ChecksumValue = checksumValue,
            };
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Copies a body to new durable storage and stores it under the target key with the given headers and tags.</summary>
    public async Task<S3Object> CopyObjectAsync(S3Object source, string bucket, string key, ObjectHeaders headers, IReadOnlyDictionary<string, string> tags,
        CancellationToken cancellationToken)
    {
        var target = GetBucket(bucket);
        ValidateKey(key);
        using var writer = new BodyWriter(_bodies, allowInline: source.Size <= ObjectBodyStore.InlineLimit);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            await using (var input = OpenBody(source))
            {
                int read;
                while ((read = await input.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
                {
                    await writer.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        var (bodyFile, inline) = writer.Commit();
        var obj = source with
        {
            Bucket = bucket,
            Key = key,
            BodyFile = bodyFile,
            InlineBody = inline,
            Headers = headers,
            Tags = tags,
            LastModified = _time.GetUtcNow(),
        };
        return await PublishAsync(target, obj);
    }
}
