using System.Buffers;
using System.Security.Cryptography;
using Nimbus.S3.Api;
using Nimbus.S3.Model;
using Nimbus.S3.Protocol;
using Nimbus.S3.Store;

namespace Nimbus.S3.Service;

/// <summary>
/// The object store's logic: buckets, object writes (streamed through a pooled buffer to a durable body file,
/// hashed on the way), reads, copies and listings. Knows nothing of HTTP or XML.
/// </summary>
internal sealed partial class S3Service
{
    private const int BufferSize = 64 * 1024;
    /// <summary>S3's single-PUT limit.</summary>
    private const long MaxObjectSize = 5L * 1024 * 1024 * 1024;

    private readonly IS3MetadataStore _store;
    private readonly ObjectBodyStore _bodies;
    private readonly TimeProvider _time;

    public S3Service(IS3MetadataStore store, ObjectBodyStore bodies, TimeProvider time)
    {
        _store = store;
        _bodies = bodies;
        _time = time;
        _bodies.RemoveOrphans(_store.AllBodyFiles());
    }

    public S3Bucket CreateBucket(string accountId, string name, string region)
    {
        if (!BucketName.IsValid(name))
        {
            throw S3Errors.InvalidBucketName(name);
        }
        var bucket = new S3Bucket(name, accountId, region, _time.GetUtcNow());
        if (_store.TryCreateBucket(bucket))
        {
            return bucket;
        }
        var existing = _store.GetBucket(name);
        throw existing is not null && existing.AccountId != accountId ? S3Errors.BucketAlreadyExists(name) : S3Errors.BucketAlreadyOwnedByYou(name);
    }

    public S3Bucket GetBucket(string name) => _store.GetBucket(name) ?? throw S3Errors.NoSuchBucket(name);

    public IReadOnlyList<S3Bucket> ListBuckets(string accountId) => _store.ListBuckets(accountId);

    public void DeleteBucket(string name)
    {
        GetBucket(name);
        if (!_store.TryDeleteEmptyBucket(name))
        {
            throw S3Errors.BucketNotEmpty(name);
        }
    }

    public S3Object GetObject(string bucket, string key)
    {
        GetBucket(bucket);
        return _store.GetObject(bucket, key) ?? throw S3Errors.NoSuchKey(key);
    }

    public string BodyPath(S3Object obj) => _bodies.PathOf(obj.BodyFile);

    public FileStream OpenBody(S3Object obj) => _bodies.OpenRead(obj.BodyFile);

    public async Task<S3Object> PutObjectAsync(PutObjectCommand command, Stream body, CancellationToken cancellationToken)
    {
        GetBucket(command.Bucket);
        ValidateKey(command.Key);
        var obj = await WriteBodyAsync(command, body, cancellationToken);
        Publish(obj);
        return obj;
    }

    /// <summary>Streams a body to a durable file, verifying what the command asks; the result is not yet published.</summary>
    private async Task<S3Object> WriteBodyAsync(PutObjectCommand command, Stream body, CancellationToken cancellationToken)
    {
        var (tempPath, file) = _bodies.CreateTemp();
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
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
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

            var bodyFile = _bodies.Commit(tempPath, file);
            var obj = new S3Object
            {
                Bucket = command.Bucket,
                Key = command.Key,
                Size = size,
                ETag = etag,
                LastModified = _time.GetUtcNow(),
                BodyFile = bodyFile,
                Headers = command.Headers,
                ChecksumAlgorithm = checksum?.Algorithm,
                ChecksumValue = checksumValue,
            };
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

    /// <summary>Copies a body to a new durable file and stores it under the target key with the given headers.</summary>
    public async Task<S3Object> CopyObjectAsync(S3Object source, string bucket, string key, ObjectHeaders headers, CancellationToken cancellationToken)
    {
        GetBucket(bucket);
        ValidateKey(key);
        var (tempPath, file) = _bodies.CreateTemp();
        try
        {
            await using (var input = _bodies.OpenRead(source.BodyFile))
            {
                await input.CopyToAsync(file, BufferSize, cancellationToken);
            }
            var bodyFile = _bodies.Commit(tempPath, file);
            var obj = source with
            {
                Bucket = bucket,
                Key = key,
                BodyFile = bodyFile,
                Headers = headers,
                LastModified = _time.GetUtcNow(),
            };
            Publish(obj);
            return obj;
        }
        catch
        {
            _bodies.Discard(tempPath, file);
            throw;
        }
    }

    /// <summary>Deletes a key; deleting a missing key succeeds, as in S3.</summary>
    public void DeleteObject(string bucket, string key)
    {
        GetBucket(bucket);
        if (_store.DeleteObject(bucket, key) is { } bodyFile)
        {
            _bodies.Delete(bodyFile);
        }
    }

    public ListObjectsPage ListObjects(ListObjectsQuery query)
    {
        GetBucket(query.Bucket);
        var objects = new List<S3Object>();
        var prefixes = new List<string>();
        string? last = null;
        if (query.MaxKeys <= 0)
        {
            return new ListObjectsPage(objects, prefixes, false, null);
        }
        foreach (var obj in _store.ScanObjects(query.Bucket, query.Prefix, query.After))
        {
            if (!obj.Key.StartsWith(query.Prefix, StringComparison.Ordinal))
            {
                break;
            }
            string? commonPrefix = null;
            if (!string.IsNullOrEmpty(query.Delimiter))
            {
                var at = obj.Key.IndexOf(query.Delimiter, query.Prefix.Length, StringComparison.Ordinal);
                if (at >= 0)
                {
                    commonPrefix = obj.Key[..(at + query.Delimiter.Length)];
                }
            }
            // Keys under a common prefix already returned (on this page or, via the marker, on an earlier one) roll up into it.
            if (commonPrefix is not null && (commonPrefix == last || commonPrefix == query.After))
            {
                continue;
            }
            if (objects.Count + prefixes.Count == query.MaxKeys)
            {
                return new ListObjectsPage(objects, prefixes, true, last);
            }
            if (commonPrefix is not null)
            {
                prefixes.Add(commonPrefix);
                last = commonPrefix;
            }
            else
            {
                objects.Add(obj);
                last = obj.Key;
            }
        }
        return new ListObjectsPage(objects, prefixes, false, null);
    }

    private void Publish(S3Object obj)
    {
        if (_store.PutObject(obj) is { } replaced)
        {
            _bodies.Delete(replaced);
        }
    }

    private static void ValidateKey(string key)
    {
        if (key.Length == 0)
        {
            throw S3Errors.InvalidArgument("Key must not be empty.");
        }
        if (System.Text.Encoding.UTF8.GetByteCount(key) > 1024)
        {
            throw S3Errors.KeyTooLong();
        }
    }
}
