using System.Security.Cryptography;
using Nimbus.S3.Api;
using Nimbus.S3.Model;

namespace Nimbus.S3.Service;

/// <summary>
/// Versioning (S3 User Guide, "Using versioning in S3 buckets"): Enabled buckets keep every version and delete with
/// markers; Suspended buckets write and delete the <c>null</c> version while keeping the others; a bucket that was
/// never versioned keeps one version per key.
/// </summary>
internal sealed partial class S3Service
{
    public const string VersioningEnabled = "Enabled";
    public const string VersioningSuspended = "Suspended";

    public void SetVersioning(string bucket, string status)
    {
        GetBucket(bucket);
        _store.SetVersioning(bucket, status);
    }

    /// <summary>
    /// DeleteObject. With a version id the version is removed for good; otherwise an unversioned key is removed and a
    /// versioned one gets a delete marker (a new version in Enabled buckets, the <c>null</c> version when Suspended).
    /// Deleting a missing key succeeds, as in S3.
    /// </summary>
    public async Task<DeletedObject> DeleteObjectAsync(string bucket, string key, string? versionId = null)
    {
        var found = GetBucket(bucket);
        if (versionId is not null)
        {
            ValidateVersionId(versionId);
            var removed = await _store.DeleteObjectVersionAsync(bucket, key, versionId);
            if (removed is { IsDeleteMarker: false })
            {
                _bodies.Delete(removed.BodyFile);
            }
            return new DeletedObject(versionId, removed?.IsDeleteMarker ?? false);
        }
        if (found.Versioning is null)
        {
            if (await _store.DeleteObjectAsync(bucket, key) is { } bodyFile)
            {
                _bodies.Delete(bodyFile);
            }
            return new DeletedObject(null, false);
        }
        var marker = await PublishAsync(found, new S3Object
        {
            Bucket = bucket,
            Key = key,
            Size = 0,
            ETag = "",
            LastModified = _time.GetUtcNow(),
            BodyFile = "",
            IsDeleteMarker = true,
        });
        return new DeletedObject(marker.VersionId, true);
    }

    /// <summary>ListObjectVersions: per key the current entry first, then noncurrent versions newest first.</summary>
    public ListVersionsPage ListObjectVersions(string bucket, string prefix, string? delimiter, string? keyMarker, string? versionIdMarker, int maxKeys)
    {
        GetBucket(bucket);
        var entries = new List<ObjectVersionEntry>();
        var prefixes = new List<string>();
        string? lastKey = null, lastVersion = null;
        if (maxKeys <= 0)
        {
            return new ListVersionsPage(entries, prefixes, false, null, null);
        }
        var resumeInKey = keyMarker is not null && versionIdMarker is not null;
        var from = keyMarker is not null && resumeInKey && string.CompareOrdinal(keyMarker, prefix) > 0 ? keyMarker : prefix;
        foreach (var current in _store.ScanObjects(bucket, from, resumeInKey ? null : keyMarker, includeDeleteMarkers: true))
        {
            if (!current.Key.StartsWith(prefix, StringComparison.Ordinal))
            {
                break;
            }
            var commonPrefix = CommonPrefixOf(current.Key, prefix, delimiter);
            if (commonPrefix is not null)
            {
                if (commonPrefix == lastKey || commonPrefix == keyMarker)
                {
                    continue;
                }
                if (entries.Count + prefixes.Count == maxKeys)
                {
                    return new ListVersionsPage(entries, prefixes, true, lastKey, lastVersion);
                }
                prefixes.Add(commonPrefix);
                (lastKey, lastVersion) = (commonPrefix, null);
                continue;
            }
            IEnumerable<ObjectVersionEntry> versions = [new ObjectVersionEntry(current, true), .. _store.ListNoncurrentVersions(bucket, current.Key).Select(v => new ObjectVersionEntry(v, false))];
            if (resumeInKey && current.Key == keyMarker)
            {
                versions = versions.SkipWhile(v => v.Object.VersionId != versionIdMarker).Skip(1);
            }
            foreach (var entry in versions)
            {
                if (entries.Count + prefixes.Count == maxKeys)
                {
                    return new ListVersionsPage(entries, prefixes, true, lastKey, lastVersion);
                }
                entries.Add(entry);
                (lastKey, lastVersion) = (entry.Object.Key, entry.Object.VersionId);
            }
        }
        return new ListVersionsPage(entries, prefixes, false, null, null);
    }

    /// <summary>S3's version ids: 32 URL-safe characters.</summary>
    private static string NewVersionId() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '.').Replace('/', '_');

    private static void ValidateVersionId(string versionId)
    {
        if (versionId != S3Object.NullVersion && (versionId.Length != 32 || !versionId.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')))
        {
            throw S3Errors.InvalidArgument("Invalid version id specified", "versionId", versionId);
        }
    }
}
