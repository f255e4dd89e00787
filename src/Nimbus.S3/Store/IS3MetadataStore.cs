using Nimbus.S3.Model;

namespace Nimbus.S3.Store;

/// <summary>Bucket and object metadata. SQLite on one node; the seam cluster mode swaps for PostgreSQL.</summary>
internal interface IS3MetadataStore
{
    S3Bucket? GetBucket(string name);
    /// <summary>Creates the bucket; false when the name is taken.</summary>
    bool TryCreateBucket(S3Bucket bucket);
    IReadOnlyList<S3Bucket> ListBuckets(string accountId);
    /// <summary>
    /// Deletes a bucket holding no object versions or delete markers, with its multipart uploads in progress; returns
    /// those uploads' part files (to delete), or null when the bucket is not empty.
    /// </summary>
    IReadOnlyList<string>? TryDeleteEmptyBucket(string name);
    void SetVersioning(string bucket, string status);
    /// <summary>A bucket configuration document (<c>tagging</c>, <c>cors</c>, …) as stored, or null.</summary>
    string? GetBucketConfig(string bucket, string kind);
    /// <summary>Stores (or, with null, removes) a bucket configuration document.</summary>
    void SetBucketConfig(string bucket, string kind, string? document);

    /// <summary>The current version of a key (possibly a delete marker).</summary>
    S3Object? GetObject(string bucket, string key);
    /// <summary>A specific version, current or not.</summary>
    S3Object? GetObjectVersion(string bucket, string key, string versionId);
    /// <summary>
    /// Makes <paramref name="obj"/> the current version. Any version with the same id is replaced; the previous current
    /// version is kept as a noncurrent one when <paramref name="keepPrevious"/> (versioning Enabled or Suspended), else
    /// removed. Returns the body files no version points at any more (to delete); inline bodies are removed in the same
    /// transaction. Completes once durable.
    /// </summary>
    Task<IReadOnlyList<string>> PutObjectAsync(S3Object obj, bool keepPrevious);
    /// <summary>Removes the current version of an unversioned key; returns its body file, if any.</summary>
    Task<string?> DeleteObjectAsync(string bucket, string key);
    /// <summary>Removes one version for good (the newest noncurrent one becomes current); returns it, or null if absent.</summary>
    Task<S3Object?> DeleteObjectVersionAsync(string bucket, string key, string versionId);
    /// <summary>Replaces a version's tag set; false when the version does not exist.</summary>
    bool SetObjectTags(string bucket, string key, string versionId, IReadOnlyDictionary<string, string> tags);
    /// <summary>
    /// Current versions whose key is greater than <paramref name="after"/> and at least <paramref name="from"/>, in UTF-8
    /// binary key order; delete markers only when <paramref name="includeDeleteMarkers"/>.
    /// </summary>
    IEnumerable<S3Object> ScanObjects(string bucket, string from, string? after, bool includeDeleteMarkers = false);
    /// <summary>The noncurrent versions of a key, newest first.</summary>
    IReadOnlyList<S3Object> ListNoncurrentVersions(string bucket, string key);
    /// <summary>Body files of objects, versions and uploaded parts: everything the orphan sweep must keep.</summary>
    IEnumerable<string> AllBodyFiles();

    /// <summary>Each bucket's stored bytes: current and noncurrent versions and parts of uploads in progress (storage metering).</summary>
    IReadOnlyList<(string Bucket, string AccountId, string Region, long Bytes)> StoredBytes();

    void CreateUpload(MultipartUpload upload);
    MultipartUpload? GetUpload(string uploadId);
    /// <summary>A bucket's uploads with keys starting with <paramref name="prefix"/>, by key then initiation time.</summary>
    IReadOnlyList<MultipartUpload> ListUploads(string bucket, string prefix);
    /// <summary>Stores a part (replacing one with the same number); returns the replaced part's body file, if any.</summary>
    Task<string?> PutPartAsync(string uploadId, UploadedPart part);
    IReadOnlyList<UploadedPart> ListParts(string uploadId);
    /// <summary>Removes the upload and its parts; returns the parts' body files.</summary>
    IReadOnlyList<string> DeleteUpload(string uploadId);
}
