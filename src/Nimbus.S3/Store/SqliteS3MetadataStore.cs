using System.Text.Json;
using Microsoft.Data.Sqlite;
using Nimbus.Core.Storage;
using Nimbus.S3.Model;

namespace Nimbus.S3.Store;

/// <summary>
/// S3 metadata in SQLite. Keys are TEXT with SQLite's BINARY collation, which compares the UTF-8 bytes with memcmp:
/// exactly the UTF-8 binary order S3 lists keys in.
/// </summary>
internal sealed class SqliteS3MetadataStore : IS3MetadataStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS buckets (
            name TEXT PRIMARY KEY,
            account TEXT NOT NULL,
            region TEXT NOT NULL,
            created_ms INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS objects (
            bucket TEXT NOT NULL,
            key TEXT NOT NULL,
            size INTEGER NOT NULL,
            etag TEXT NOT NULL,
            modified_ms INTEGER NOT NULL,
            body_file TEXT NOT NULL,
            content_type TEXT, content_encoding TEXT, content_disposition TEXT, content_language TEXT,
            cache_control TEXT, expires TEXT,
            user_metadata TEXT,
            checksum_algorithm TEXT, checksum_value TEXT,
            PRIMARY KEY (bucket, key)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS uploads (
            upload_id TEXT PRIMARY KEY,
            bucket TEXT NOT NULL,
            key TEXT NOT NULL,
            headers TEXT NOT NULL,
            initiated_ms INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS parts (
            upload_id TEXT NOT NULL,
            part_number INTEGER NOT NULL,
            size INTEGER NOT NULL,
            etag TEXT NOT NULL,
            body_file TEXT NOT NULL,
            modified_ms INTEGER NOT NULL,
            PRIMARY KEY (upload_id, part_number)
        ) WITHOUT ROWID;
        """;

    private const string ObjectColumns = "bucket, key, size, etag, modified_ms, body_file, content_type, content_encoding, content_disposition, " +
        "content_language, cache_control, expires, user_metadata, checksum_algorithm, checksum_value";

    private readonly SqliteDatabase _database;

    public SqliteS3MetadataStore(SqliteDatabase database)
    {
        _database = database;
        _database.EnsureSchema(Schema);
    }

    public S3Bucket? GetBucket(string name)
    {
        using var connection = _database.Open();
        using var command = Command(connection, "SELECT name, account, region, created_ms FROM buckets WHERE name = $name", ("$name", name));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadBucket(reader) : null;
    }

    public bool TryCreateBucket(S3Bucket bucket)
    {
        using var connection = _database.Open();
        using var command = Command(connection, "INSERT OR IGNORE INTO buckets (name, account, region, created_ms) VALUES ($name, $account, $region, $created)",
            ("$name", bucket.Name), ("$account", bucket.AccountId), ("$region", bucket.Region), ("$created", bucket.CreationDate.ToUnixTimeMilliseconds()));
        return command.ExecuteNonQuery() == 1;
    }

    public IReadOnlyList<S3Bucket> ListBuckets(string accountId)
    {
        using var connection = _database.Open();
        using var command = Command(connection, "SELECT name, account, region, created_ms FROM buckets WHERE account = $account ORDER BY name", ("$account", accountId));
        using var reader = command.ExecuteReader();
        var buckets = new List<S3Bucket>();
        while (reader.Read())
        {
            buckets.Add(ReadBucket(reader));
        }
        return buckets;
    }

    public bool TryDeleteEmptyBucket(string name)
    {
        using var connection = _database.Open();
        using var command = Command(connection,
            "DELETE FROM buckets WHERE name = $name AND NOT EXISTS (SELECT 1 FROM objects WHERE bucket = $name)", ("$name", name));
        return command.ExecuteNonQuery() == 1;
    }

    public S3Object? GetObject(string bucket, string key)
    {
        using var connection = _database.Open();
        using var command = Command(connection, $"SELECT {ObjectColumns} FROM objects WHERE bucket = $bucket AND key = $key", ("$bucket", bucket), ("$key", key));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadObject(reader) : null;
    }

    public string? PutObject(S3Object obj)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        var previous = BodyFileOf(connection, obj.Bucket, obj.Key);
        using (var command = Command(connection, $"INSERT OR REPLACE INTO objects ({ObjectColumns}) VALUES " +
            "($bucket, $key, $size, $etag, $modified, $body, $ct, $ce, $cd, $cl, $cc, $exp, $meta, $ca, $cv)",
            ("$bucket", obj.Bucket), ("$key", obj.Key), ("$size", obj.Size), ("$etag", obj.ETag),
            ("$modified", obj.LastModified.ToUnixTimeMilliseconds()), ("$body", obj.BodyFile),
            ("$ct", obj.Headers.ContentType), ("$ce", obj.Headers.ContentEncoding), ("$cd", obj.Headers.ContentDisposition),
            ("$cl", obj.Headers.ContentLanguage), ("$cc", obj.Headers.CacheControl), ("$exp", obj.Headers.Expires),
            ("$meta", obj.Headers.UserMetadata.Count == 0 ? null : JsonSerializer.Serialize(obj.Headers.UserMetadata, S3JsonContext.Default.DictionaryStringString)),
            ("$ca", obj.ChecksumAlgorithm), ("$cv", obj.ChecksumValue)))
        {
            command.Transaction = transaction;
            command.ExecuteNonQuery();
        }
        transaction.Commit();
        return previous;
    }

    public string? DeleteObject(string bucket, string key)
    {
        using var connection = _database.Open();
        using var command = Command(connection, "DELETE FROM objects WHERE bucket = $bucket AND key = $key RETURNING body_file", ("$bucket", bucket), ("$key", key));
        return command.ExecuteScalar() as string;
    }

    public IEnumerable<S3Object> ScanObjects(string bucket, string from, string? after)
    {
        // Pages of rows, so a long listing never holds a connection or reads a whole bucket at once.
        const int Page = 256;
        var cursor = after;
        while (true)
        {
            var page = new List<S3Object>(Page);
            using (var connection = _database.Open())
            {
                var sql = $"SELECT {ObjectColumns} FROM objects WHERE bucket = $bucket AND key >= $from" +
                    (cursor is null ? "" : " AND key > $after") + " ORDER BY key LIMIT " + Page;
                using var command = Command(connection, sql, ("$bucket", bucket), ("$from", from), ("$after", cursor));
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    page.Add(ReadObject(reader));
                }
            }
            foreach (var obj in page)
            {
                yield return obj;
            }
            if (page.Count < Page)
            {
                yield break;
            }
            cursor = page[^1].Key;
        }
    }

    public IEnumerable<string> AllBodyFiles()
    {
        using var connection = _database.Open();
        using var command = Command(connection, "SELECT body_file FROM objects UNION ALL SELECT body_file FROM parts");
        using var reader = command.ExecuteReader();
        var files = new List<string>();
        while (reader.Read())
        {
            files.Add(reader.GetString(0));
        }
        return files;
    }

    public void CreateUpload(MultipartUpload upload)
    {
        using var connection = _database.Open();
        using var command = Command(connection, "INSERT INTO uploads (upload_id, bucket, key, headers, initiated_ms) VALUES ($id, $bucket, $key, $headers, $initiated)",
            ("$id", upload.UploadId), ("$bucket", upload.Bucket), ("$key", upload.Key),
            ("$headers", JsonSerializer.Serialize(upload.Headers, S3JsonContext.Default.ObjectHeaders)), ("$initiated", upload.Initiated.ToUnixTimeMilliseconds()));
        command.ExecuteNonQuery();
    }

    public MultipartUpload? GetUpload(string uploadId)
    {
        using var connection = _database.Open();
        using var command = Command(connection, "SELECT upload_id, bucket, key, headers, initiated_ms FROM uploads WHERE upload_id = $id", ("$id", uploadId));
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new MultipartUpload(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                JsonSerializer.Deserialize(reader.GetString(3), S3JsonContext.Default.ObjectHeaders)!, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)))
            : null;
    }

    public string? PutPart(string uploadId, UploadedPart part)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        string? previous;
        using (var select = Command(connection, "SELECT body_file FROM parts WHERE upload_id = $id AND part_number = $n", ("$id", uploadId), ("$n", part.PartNumber)))
        {
            select.Transaction = transaction;
            previous = select.ExecuteScalar() as string;
        }
        using (var insert = Command(connection, "INSERT OR REPLACE INTO parts (upload_id, part_number, size, etag, body_file, modified_ms) VALUES ($id, $n, $size, $etag, $body, $modified)",
            ("$id", uploadId), ("$n", part.PartNumber), ("$size", part.Size), ("$etag", part.ETag), ("$body", part.BodyFile), ("$modified", part.LastModified.ToUnixTimeMilliseconds())))
        {
            insert.Transaction = transaction;
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
        return previous;
    }

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
        using (var parts = Command(connection, "DELETE FROM parts WHERE upload_id = $id RETURNING body_file", ("$id", uploadId)))
        {
            parts.Transaction = transaction;
            using var reader = parts.ExecuteReader();
            while (reader.Read())
            {
                files.Add(reader.GetString(0));
            }
        }
        using (var upload = Command(connection, "DELETE FROM uploads WHERE upload_id = $id", ("$id", uploadId)))
        {
            upload.Transaction = transaction;
            upload.ExecuteNonQuery();
        }
        transaction.Commit();
        return files;
    }

    private static string? BodyFileOf(SqliteConnection connection, string bucket, string key)
    {
        using var command = Command(connection, "SELECT body_file FROM objects WHERE bucket = $bucket AND key = $key", ("$bucket", bucket), ("$key", key));
        return command.ExecuteScalar() as string;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        return command;
    }

    private static S3Bucket ReadBucket(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)));

    private static S3Object ReadObject(SqliteDataReader reader)
    {
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        var meta = Text(12);
        return new S3Object
        {
            Bucket = reader.GetString(0),
            Key = reader.GetString(1),
            Size = reader.GetInt64(2),
            ETag = reader.GetString(3),
            LastModified = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
            BodyFile = reader.GetString(5),
            Headers = new ObjectHeaders
            {
                ContentType = Text(6),
                ContentEncoding = Text(7),
                ContentDisposition = Text(8),
                ContentLanguage = Text(9),
                CacheControl = Text(10),
                Expires = Text(11),
                UserMetadata = meta is null ? new(StringComparer.Ordinal) : JsonSerializer.Deserialize(meta, S3JsonContext.Default.DictionaryStringString)!,
            },
            ChecksumAlgorithm = Text(13),
            ChecksumValue = Text(14),
        };
    }
}
