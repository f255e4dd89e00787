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
        var partFiles = _store.TryDeleteEmptyBucket(name) ?? throw S3Errors.BucketNotEmpty(name);
        foreach (var file in partFiles)
        {
            _bodies.Delete(file);
        }
    }

    /// <summary>
    /// The current version of a key, or the given version. A current delete marker reads as <c>NoSuchKey</c>, a delete
    /// marker asked for by version id as <c>MethodNotAllowed</c>, both with <c>x-amz-delete-marker: true</c>.
    /// </summary>
    public S3Object GetObject(string bucket, string key, string? versionId = null)
    {
        var versioned = GetBucket(bucket).Versioning is not null;
        if (versionId is null)
        {
            var current = _store.GetObject(bucket, key);
            return current is null ? throw S3Errors.NoSuchKey(key)
                : current.IsDeleteMarker ? throw S3Errors.NoSuchKey(key, current.VersionId)
                : versioned ? current with { InVersionedBucket = true } : current;
        }
        ValidateVersionId(versionId);
        var version = _store.GetObjectVersion(bucket, key, versionId) ?? throw S3Errors.NoSuchVersion(key, versionId);
        return version.IsDeleteMarker ? throw S3Errors.DeleteMarkerNotAllowed(version) : version with { InVersionedBucket = versioned };
    }

    public async Task<S3Object> PutObjectAsync(PutObjectCommand command, Stream body, CancellationToken cancellationToken)
    {
        var bucket = GetBucket(command.Bucket);
        ValidateKey(command.Key);
        CheckWriteCondition(command.Bucket, command.Key, command.IfNoneMatch);
        var obj = await WriteBodyAsync(command, body, allowInline: true, cancellationToken);
        CheckWriteCondition(command.Bucket, command.Key, command.IfNoneMatch);
        return await PublishAsync(bucket, obj with { Tags = command.Tags ?? obj.Tags });
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
    private async Task<S3Object> PublishAsync(S3Bucket bucket, S3Object obj)
    {
        var versioned = obj with
        {
            VersionId = bucket.Versioning == VersioningEnabled ? NewVersionId() : S3Object.NullVersion,
            InVersionedBucket = bucket.Versioning is not null,
        };
        foreach (var released in await _store.PutObjectAsync(versioned, keepPrevious: bucket.Versioning is not null))
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
