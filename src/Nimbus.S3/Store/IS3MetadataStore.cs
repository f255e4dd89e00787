using Nimbus.S3.Model;

namespace Nimbus.S3.Store;

/// <summary>Bucket and object metadata. SQLite on one node; the seam cluster mode swaps for PostgreSQL.</summary>
internal interface IS3MetadataStore
{
    S3Bucket? GetBucket(string name);
    /// <summary>Creates the bucket; false when the name is taken.</summary>
    bool TryCreateBucket(S3Bucket bucket);
    IReadOnlyList<S3Bucket> ListBuckets(string accountId);
    /// <summary>Deletes an empty bucket; false when it still holds objects.</summary>
    bool TryDeleteEmptyBucket(string name);

    S3Object? GetObject(string bucket, string key);
    /// <summary>Inserts or replaces; returns the body file of the replaced object (to delete), if any.</summary>
    string? PutObject(S3Object obj);
    /// <summary>Removes; returns the body file of the removed object, if any.</summary>
    string? DeleteObject(string bucket, string key);
    /// <summary>Objects whose key is greater than <paramref name="after"/> and at least <paramref name="from"/>, in UTF-8 binary key order.</summary>
    IEnumerable<S3Object> ScanObjects(string bucket, string from, string? after);
    /// <summary>Body files of objects and of uploaded parts: everything the orphan sweep must keep.</summary>
    IEnumerable<string> AllBodyFiles();

    void CreateUpload(MultipartUpload upload);
    MultipartUpload? GetUpload(string uploadId);
    /// <summary>Stores a part (replacing one with the same number); returns the replaced part's body file, if any.</summary>
    string? PutPart(string uploadId, UploadedPart part);
    IReadOnlyList<UploadedPart> ListParts(string uploadId);
    /// <summary>Removes the upload and its parts; returns the parts' body files.</summary>
    IReadOnlyList<string> DeleteUpload(string uploadId);
}
