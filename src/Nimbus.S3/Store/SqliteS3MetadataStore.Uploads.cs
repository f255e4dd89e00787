using System.Text.Json;
using Microsoft.Data.Sqlite;
using Nimbus.S3.Model;

namespace Nimbus.S3.Store;

/// <summary>Multipart uploads and their parts.</summary>
internal sealed partial class SqliteS3MetadataStore
{
    private const string UploadColumns = "upload_id, bucket, key, headers, initiated_ms, tags";

    public void CreateUpload(MultipartUpload upload)
    {
        using var connection = _database.Open();
        using var command = Command(connection, $"INSERT INTO uploads ({UploadColumns}) VALUES ($id, $bucket, $key, $headers, $initiated, $tags)",
            ("$id", upload.UploadId), ("$bucket", upload.Bucket), ("$key", upload.Key),
            ("$headers", JsonSerializer.Serialize(upload.Headers, S3JsonContext.Default.ObjectHeaders)), ("$initiated", upload.Initiated.ToUnixTimeMilliseconds()),
            ("$tags", TagsJson(upload.Tags)));
        command.ExecuteNonQuery();
    }

    public MultipartUpload? GetUpload(string uploadId)
    {
        using var connection = _database.Open();
        using var command = Command(connection, $"SELECT {UploadColumns} FROM uploads WHERE upload_id = $id", ("$id", uploadId));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadUpload(reader) : null;
    }

    public IReadOnlyList<MultipartUpload> ListUploads(string bucket, string prefix)
    {
        using var connection = _database.Open();
        // rowid breaks ties between uploads of one key started in the same millisecond, in creation order.
        using var command = Command(connection,
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

    public Task<string?> PutPartAsync(string uploadId, UploadedPart part) => _commits.RunAsync((connection, transaction) =>
    {
        string? previous;
        using (var select = Command(connection, transaction, "SELECT body_file FROM parts WHERE upload_id = $id AND part_number = $n", ("$id", uploadId), ("$n", part.PartNumber)))
        {
            previous = select.ExecuteScalar() as string;
        }
        using (var insert = Command(connection, transaction, "INSERT OR REPLACE INTO parts (upload_id, part_number, size, etag, body_file, modified_ms) VALUES ($id, $n, $size, $etag, $body, $modified)",
            ("$id", uploadId), ("$n", part.PartNumber), ("$size", part.Size), ("$etag", part.ETag), ("$body", part.BodyFile), ("$modified", part.LastModified.ToUnixTimeMilliseconds())))
        {
            insert.ExecuteNonQuery();
        }
        return previous;
    });

    public IReadOnlyList<UploadedPart> ListParts(string uploadId)
    {
        using var connection = _database.Open();
        using var command = Command(connection, "SELECT part_number, size, etag, body_file, modified_ms FROM parts WHERE upload_id = $id ORDER BY part_number", ("$id", uploadId));
        using var reader = command.ExecuteReader();
        var parts = new List<UploadedPart>();
        while (reader.Read())
        {
            parts.Add(new UploadedPart(reader.GetInt32(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4))));
        }
        return parts;
    }

    public IReadOnlyList<string> DeleteUpload(string uploadId)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        var files = new List<string>();
        using (var parts = Command(connection, transaction, "DELETE FROM parts WHERE upload_id = $id RETURNING body_file", ("$id", uploadId)))
        {
            CollectBodies(parts, files);
        }
        using (var upload = Command(connection, transaction, "DELETE FROM uploads WHERE upload_id = $id", ("$id", uploadId)))
        {
            upload.ExecuteNonQuery();
        }
        transaction.Commit();
        return files;
    }

    private static MultipartUpload ReadUpload(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2),
            JsonSerializer.Deserialize(reader.GetString(3), S3JsonContext.Default.ObjectHeaders)!, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)))
        {
            Tags = reader.IsDBNull(5) ? null : ParseTags(reader.GetString(5)),
        };
}
