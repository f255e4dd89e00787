using System.Text.Json;
using Microsoft.Data.Sqlite;
using Nimbus.S3.Model;

namespace Nimbus.S3.Store;

/// <summary>Multipart uploads and their parts.</summary>
internal sealed partial class SqliteS3MetadataStore
{
    private const string UploadColumns = "upload_id, bucket, key, headers, initiated_ms, tags";

    public void CreateUpload(MultipartUpload upload) => _commits.Run(cache => cache.Bind($"INSERT INTO uploads ({UploadColumns}) VALUES ($id, $bucket, $key, $headers, $initiated, $tags)",
            ("$id", upload.UploadId), ("$bucket", upload.Bucket), ("$key", upload.Key),
            ("$headers", JsonSerializer.Serialize(upload.Headers, S3JsonContext.Default.ObjectHeaders)), ("$initiated", upload.Initiated.ToUnixTimeMilliseconds()),
            ("$tags", TagsJson(upload.Tags))).ExecuteNonQuery());

    public MultipartUpload? GetUpload(string uploadId)
    {
        using var lease = _readers.Rent();
        using var reader = lease.Cache.Bind($"SELECT {UploadColumns} FROM uploads WHERE upload_id = $id", ("$id", uploadId)).ExecuteReader();
        return reader.Read() ? ReadUpload(reader) : null;
    }

    public IReadOnlyList<MultipartUpload> ListUploads(string bucket, string prefix)
    {
        using var lease = _readers.Rent();
        // rowid breaks ties between uploads of one key started in the same millisecond, in creation order.
        var command = lease.Cache.Bind(
            $"SELECT {UploadColumns} FROM uploads WHERE bucket = $bucket AND substr(key, 1, length($prefix)) = $prefix ORDER BY key, initiated_ms, rowid",
            ("$bucket", bucket), ("$prefix", prefix));
        using var reader = command.ExecuteReader();
        var uploads = new List<MultipartUpload>();
        while (reader.Read())
        {
            uploads.Add(ReadUpload(reader));
        }
        return uploads;
    }

    public Task<string?> PutPartAsync(string uploadId, UploadedPart part) => _commits.RunAsync(cache =>
    {
        var previous = cache.Bind("SELECT body_file FROM parts WHERE upload_id = $id AND part_number = $n", ("$id", uploadId), ("$n", part.PartNumber)).ExecuteScalar() as string;
        cache.Bind("INSERT OR REPLACE INTO parts (upload_id, part_number, size, etag, body_file, modified_ms) VALUES ($id, $n, $size, $etag, $body, $modified)",
            ("$id", uploadId), ("$n", part.PartNumber), ("$size", part.Size), ("$etag", part.ETag), ("$body", part.BodyFile), ("$modified", part.LastModified.ToUnixTimeMilliseconds()))
            .ExecuteNonQuery();
        return previous;
    });

    public IReadOnlyList<UploadedPart> ListParts(string uploadId)
    {
        using var lease = _readers.Rent();
        using var reader = lease.Cache.Bind("SELECT part_number, size, etag, body_file, modified_ms FROM parts WHERE upload_id = $id ORDER BY part_number", ("$id", uploadId))
            .ExecuteReader();
        var parts = new List<UploadedPart>();
        while (reader.Read())
        {
            parts.Add(new UploadedPart(reader.GetInt32(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4))));
        }
        return parts;
    }

    public IReadOnlyList<string> DeleteUpload(string uploadId) => _commits.Run<IReadOnlyList<string>>(cache =>
    {
        var files = new List<string>();
        CollectBodies(cache.Bind("DELETE FROM parts WHERE upload_id = $id RETURNING body_file", ("$id", uploadId)), files);
        cache.Bind("DELETE FROM uploads WHERE upload_id = $id", ("$id", uploadId)).ExecuteNonQuery();
        return files;
    });

    private static MultipartUpload ReadUpload(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2),
            JsonSerializer.Deserialize(reader.GetString(3), S3JsonContext.Default.ObjectHeaders)!, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)))
        {
            Tags = reader.IsDBNull(5) ? null : ParseTags(reader.GetString(5)),
        };
}
