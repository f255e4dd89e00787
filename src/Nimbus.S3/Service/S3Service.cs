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

    /// <summary>
    /// The current version of a key, or the given version. A current delete marker reads as <c>NoSuchKey</c>, a delete
    /// marker asked for by version id as <c>MethodNotAllowed</c>, both with <c>x-amz-delete-marker: true</c>.
    /// </summary>
    public S3Object GetObject(string bucket, string key, string? versionId = null)
    {
        GetBucket(bucket);
        if (versionId is null)
        {
            var current = _store.GetObject(bucket, key);
            return current is null ? throw S3Errors.NoSuchKey(key)
                : current.IsDeleteMarker ? throw S3Errors.NoSuchKey(key, current.VersionId)
                : current;
        }
        ValidateVersionId(versionId);
        var version = _store.GetObjectVersion(bucket, key, versionId) ?? throw S3Errors.NoSuchVersion(key, versionId);
        return version.IsDeleteMarker ? throw S3Errors.DeleteMarkerNotAllowed(version) : version;
    }

    public string BodyPath(S3Object obj) => _bodies.PathOf(obj.BodyFile);

    public FileStream OpenBody(S3Object obj) => _bodies.OpenRead(obj.BodyFile);

    public async Task<S3Object> PutObjectAsync(PutObjectCommand command, Stream body, CancellationToken cancellationToken)
    {
        var bucket = GetBucket(command.Bucket);
        ValidateKey(command.Key);
        CheckWriteCondition(command.Bucket, command.Key, command.IfNoneMatch);
        var obj = await WriteBodyAsync(command, body, cancellationToken);
        CheckWriteCondition(command.Bucket, command.Key, command.IfNoneMatch);
        return Publish(bucket, obj with { Tags = command.Tags ?? obj.Tags });
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

    /// <summary>Copies a body to a new durable file and stores it under the target key with the given headers and tags.</summary>
    public async Task<S3Object> CopyObjectAsync(S3Object source, string bucket, string key, ObjectHeaders headers, IReadOnlyDictionary<string, string> tags,
        CancellationToken cancellationToken)
    {
        var target = GetBucket(bucket);
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
                Tags = tags,
                LastModified = _time.GetUtcNow(),
            };
            return Publish(target, obj);
        }
        catch
        {
            _bodies.Discard(tempPath, file);
            throw;
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
            var commonPrefix = CommonPrefixOf(obj.Key, query.Prefix, query.Delimiter);
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

    /// <summary>The key up to and including the first delimiter after the prefix, or null when it has none.</summary>
    private static string? CommonPrefixOf(string key, string prefix, string? delimiter)
    {
        if (string.IsNullOrEmpty(delimiter))
        {
            return null;
        }
        var at = key.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal);
        return at >= 0 ? key[..(at + delimiter.Length)] : null;
    }

    /// <summary>
    /// Makes a written object the key's current version: a new version id when the bucket's versioning is Enabled,
    /// the <c>null</c> version otherwise; earlier versions are kept unless the bucket was never versioned.
    /// </summary>
    private S3Object Publish(S3Bucket bucket, S3Object obj)
    {
        var versioned = obj with { VersionId = bucket.Versioning == VersioningEnabled ? NewVersionId() : S3Object.NullVersion };
        foreach (var released in _store.PutObject(versioned, keepPrevious: bucket.Versioning is not null))
        {
            _bodies.Delete(released);
        }
        return versioned;
    }

    /// <summary><c>If-None-Match: *</c> on a write: fails when the key has a current object (conditional writes).</summary>
    private void CheckWriteCondition(string bucket, string key, string? ifNoneMatch)
    {
        if (ifNoneMatch is null)
        {
            return;
        }
        if (ifNoneMatch != "*")
        {
            throw S3Errors.NotImplemented("If-None-Match other than '*' on writes");
        }
        if (_store.GetObject(bucket, key) is { IsDeleteMarker: false })
        {
            throw S3Errors.PreconditionFailed("If-None-Match");
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
