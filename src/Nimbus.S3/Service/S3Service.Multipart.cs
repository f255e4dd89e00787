using System.Buffers;
using System.Security.Cryptography;
using Nimbus.S3.Api;
using Nimbus.S3.Model;

namespace Nimbus.S3.Service;

/// <summary>
/// Multipart uploads: parts are durable body files of their own; completing concatenates them into one new body
/// file (fsynced before the object is published) with S3's multipart ETag, MD5 of the parts' MD5s plus "-N".
/// </summary>
internal sealed partial class S3Service
{
    /// <summary>Every part but the last must be at least 5 MiB (S3 multipart limits).</summary>
    private const long MinimumPartSize = 5L * 1024 * 1024;

    public MultipartUpload CreateMultipartUpload(string bucket, string key, ObjectHeaders headers, Dictionary<string, string>? tags)
    {
        GetBucket(bucket);
        ValidateKey(key);
        var upload = new MultipartUpload(Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)).Replace('+', '-').Replace('/', '_'), bucket, key, headers, _time.GetUtcNow())
        {
            Tags = tags,
        };
        _store.CreateUpload(upload);
        return upload;
    }

    public async Task<UploadedPart> UploadPartAsync(PutObjectCommand command, string uploadId, int partNumber, Stream body, CancellationToken cancellationToken)
    {
        var upload = GetUpload(command.Bucket, command.Key, uploadId);
        var written = await WriteBodyAsync(command, body, allowInline: false, cancellationToken);
        var part = new UploadedPart(partNumber, written.Size, written.ETag, written.BodyFile, written.LastModified);
        if (await _store.PutPartAsync(upload.UploadId, part) is { } replaced)
        {
            _bodies.Delete(replaced);
        }
        return part;
    }

    public async Task<S3Object> CompleteMultipartUploadAsync(string bucket, string key, string uploadId, IReadOnlyList<(int PartNumber, string ETag)> requested,
        string? ifNoneMatch, CancellationToken cancellationToken)
    {
        var upload = GetUpload(bucket, key, uploadId);
        CheckWriteCondition(bucket, key, ifNoneMatch);
        var stored = _store.ListParts(uploadId).ToDictionary(p => p.PartNumber);
        if (requested.Count == 0)
        {
            throw S3Errors.MalformedXml();
        }
        // S3 checks the order of the whole list first, then each part, then the sizes.
        for (var i = 1; i < requested.Count; i++)
        {
            if (requested[i].PartNumber <= requested[i - 1].PartNumber)
            {
                throw S3Errors.InvalidPartOrder();
            }
        }
        var parts = new List<UploadedPart>(requested.Count);
        for (var i = 0; i < requested.Count; i++)
        {
            var (number, etag) = requested[i];
            if (!stored.TryGetValue(number, out var part) || part.ETag != etag.Trim('"'))
            {
                throw S3Errors.InvalidPart();
            }
            if (i < requested.Count - 1 && part.Size < MinimumPartSize)
            {
                throw S3Errors.EntityTooSmall();
            }
            parts.Add(part);
        }

        var (tempPath, file) = _bodies.CreateTemp();
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            using var md5s = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
            long size = 0;
            foreach (var part in parts)
            {
                md5s.AppendData(Convert.FromHexString(part.ETag));
                await using var input = _bodies.OpenRead(part.BodyFile);
                int read;
                while ((read = await input.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
                {
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    size += read;
                }
            }
            var bodyFile = _bodies.Commit(tempPath, file);
            var obj = new S3Object
            {
                Bucket = bucket,
                Key = key,
                Size = size,
                ETag = Convert.ToHexStringLower(md5s.GetHashAndReset()) + "-" + parts.Count,
                LastModified = _time.GetUtcNow(),
                BodyFile = bodyFile,
                Headers = upload.Headers,
                Tags = upload.Tags ?? new Dictionary<string, string>(StringComparer.Ordinal),
            };
            CheckWriteCondition(bucket, key, ifNoneMatch);
            obj = await PublishAsync(GetBucket(bucket), obj);
            foreach (var partFile in _store.DeleteUpload(uploadId))
            {
                _bodies.Delete(partFile);
            }
            return obj;
        }
        catch
        {
            _bodies.Discard(tempPath, file);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void AbortMultipartUpload(string bucket, string key, string uploadId)
    {
        GetUpload(bucket, key, uploadId);
        foreach (var partFile in _store.DeleteUpload(uploadId))
        {
            _bodies.Delete(partFile);
        }
    }

    /// <summary>UploadPartCopy: a byte range (or all) of an existing object becomes a part.</summary>
    public async Task<UploadedPart> UploadPartCopyAsync(string bucket, string key, string uploadId, int partNumber, S3Object source, long offset, long length,
        CancellationToken cancellationToken)
    {
        var upload = GetUpload(bucket, key, uploadId);
        await using var input = OpenBody(source);
        input.Seek(offset, SeekOrigin.Begin);
        await using var slice = new BoundedReadStream(input, length);
        var command = new PutObjectCommand { Bucket = bucket, Key = key, ExpectedLength = length };
        var written = await WriteBodyAsync(command, slice, allowInline: false, cancellationToken);
        var part = new UploadedPart(partNumber, written.Size, written.ETag, written.BodyFile, written.LastModified);
        if (await _store.PutPartAsync(upload.UploadId, part) is { } replaced)
        {
            _bodies.Delete(replaced);
        }
        return part;
    }

    public (MultipartUpload Upload, IReadOnlyList<UploadedPart> Parts) ListParts(string bucket, string key, string uploadId)
    {
        var upload = GetUpload(bucket, key, uploadId);
        return (upload, _store.ListParts(uploadId));
    }

    /// <summary>
    /// ListMultipartUploads: uploads by key then initiation, after (key-marker, upload-id-marker), keys rolled up at the
    /// delimiter into common prefixes, at most <paramref name="maxUploads"/> entries.
    /// </summary>
    public ListUploadsPage ListUploads(string bucket, string prefix, string? delimiter, string? keyMarker, string? uploadIdMarker, int maxUploads)
    {
        GetBucket(bucket);
        var uploads = new List<MultipartUpload>();
        var prefixes = new List<string>();
        var all = _store.ListUploads(bucket, prefix);
        var skipping = keyMarker is not null && uploadIdMarker is not null;
        foreach (var upload in all)
        {
            var cmp = keyMarker is null ? 1 : string.CompareOrdinal(upload.Key, keyMarker);
            if (cmp < 0 || (cmp == 0 && uploadIdMarker is null))
            {
                continue;
            }
            if (cmp == 0 && skipping)
            {
                // Uploads of the marker key up to and including the marker upload were on earlier pages.
                skipping = upload.UploadId != uploadIdMarker;
                continue;
            }
            var commonPrefix = CommonPrefixOf(upload.Key, prefix, delimiter);
            if (commonPrefix is not null && (prefixes.LastOrDefault() == commonPrefix || commonPrefix == keyMarker))
            {
                continue;
            }
            if (uploads.Count + prefixes.Count == maxUploads)
            {
                return new ListUploadsPage(uploads, prefixes, true);
            }
            if (commonPrefix is not null)
            {
                prefixes.Add(commonPrefix);
            }
            else
            {
                uploads.Add(upload);
            }
        }
        return new ListUploadsPage(uploads, prefixes, false);
    }

    private MultipartUpload GetUpload(string bucket, string key, string uploadId)
    {
        GetBucket(bucket);
        var upload = _store.GetUpload(uploadId);
        return upload is not null && upload.Bucket == bucket && upload.Key == key ? upload : throw S3Errors.NoSuchUpload(uploadId);
    }
}
