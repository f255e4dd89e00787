using System.Text.Json;
using Microsoft.Data.Sqlite;
using Nimbus.S3.Model;

namespace Nimbus.S3.Store;

/// <summary>Object versions: the current one in <c>objects</c>, noncurrent ones in <c>versions</c>.</summary>
internal sealed partial class SqliteS3MetadataStore
{
    private const string ObjectColumns = "bucket, key, size, etag, modified_ms, body_file, content_type, content_encoding, content_disposition, " +
        "content_language, cache_control, expires, user_metadata, checksum_algorithm, checksum_value, version_id, delete_marker, tags";

    /// <summary>A small object's body, stored in <c>inline_bodies</c> under its body name (null for bodies on disk).</summary>
    private const string InlineData = "(SELECT data FROM inline_bodies WHERE name = body_file)";

    private const string ObjectValues = "$bucket, $key, $size, $etag, $modified, $body, $ct, $ce, $cd, $cl, $cc, $exp, $meta, $ca, $cv, $vid, $dm, $tags";

    public S3Object? GetObject(string bucket, string key)
    {
        using var connection = _database.Open();
        using var command = Command(connection, $"SELECT {ObjectColumns}, {InlineData} FROM objects WHERE bucket = $bucket AND key = $key", ("$bucket", bucket), ("$key", key));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadObject(reader) : null;
    }

    public S3Object? GetObjectVersion(string bucket, string key, string versionId)
    {
        using var connection = _database.Open();
        using var command = Command(connection,
            $"SELECT {ObjectColumns}, {InlineData} FROM objects WHERE bucket = $bucket AND key = $key AND version_id = $vid " +
            $"UNION ALL SELECT {ObjectColumns}, {InlineData} FROM versions WHERE bucket = $bucket AND key = $key AND version_id = $vid LIMIT 1",
            ("$bucket", bucket), ("$key", key), ("$vid", versionId));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadObject(reader) : null;
    }

    public Task<IReadOnlyList<string>> PutObjectAsync(S3Object obj, bool keepPrevious) => _commits.RunAsync<IReadOnlyList<string>>((connection, transaction) =>
    {
        var released = new List<string>();
        var current = CurrentOf(connection, transaction, obj.Bucket, obj.Key);
        if (current is not null)
        {
            if (keepPrevious && current.Value.VersionId != obj.VersionId)
            {
                using var demote = Command(connection, transaction,
                    $"INSERT INTO versions ({ObjectColumns}) SELECT {ObjectColumns} FROM objects WHERE bucket = $bucket AND key = $key",
                    ("$bucket", obj.Bucket), ("$key", obj.Key));
                demote.ExecuteNonQuery();
            }
            else if (current.Value.BodyFile.Length > 0)
            {
                released.Add(current.Value.BodyFile);
            }
        }
        using (var insert = Command(connection, transaction, $"INSERT OR REPLACE INTO objects ({ObjectColumns}) VALUES ({ObjectValues})", ObjectParameters(obj)))
        {
            insert.ExecuteNonQuery();
        }
        if (obj.InlineBody is { } inline)
        {
            using var body = Command(connection, transaction, "INSERT INTO inline_bodies (name, data) VALUES ($name, $data)", ("$name", obj.BodyFile), ("$data", inline));
            body.ExecuteNonQuery();
        }
        // A noncurrent version with the same id (the "null" version, when versioning is suspended) is overwritten. Removed
        // after the new row is in place, so the notification journal sees a replacement, not a version deleted for good.
        using (var sameId = Command(connection, transaction, "DELETE FROM versions WHERE bucket = $bucket AND key = $key AND version_id = $vid RETURNING body_file",
            ("$bucket", obj.Bucket), ("$key", obj.Key), ("$vid", obj.VersionId)))
        {
            CollectBodies(sameId, released);
        }
        return ReleaseInline(connection, transaction, released);
    });

    public Task<string?> DeleteObjectAsync(string bucket, string key) => _commits.RunAsync((connection, transaction) =>
    {
        using var command = Command(connection, transaction, "DELETE FROM objects WHERE bucket = $bucket AND key = $key RETURNING body_file", ("$bucket", bucket), ("$key", key));
        var file = command.ExecuteScalar() as string;
        return file is { Length: > 0 } ? ReleaseInline(connection, transaction, [file]).FirstOrDefault() : null;
    });

    public Task<S3Object?> DeleteObjectVersionAsync(string bucket, string key, string versionId) => _commits.RunAsync((connection, transaction) =>
    {
        S3Object? removed = null;
        using (var noncurrent = Command(connection, transaction,
            $"DELETE FROM versions WHERE bucket = $bucket AND key = $key AND version_id = $vid RETURNING {ObjectColumns}",
            ("$bucket", bucket), ("$key", key), ("$vid", versionId)))
        using (var reader = noncurrent.ExecuteReader())
        {
            removed = reader.Read() ? ReadObject(reader) : null;
        }
        if (removed is null)
        {
            using (var current = Command(connection, transaction,
                $"DELETE FROM objects WHERE bucket = $bucket AND key = $key AND version_id = $vid RETURNING {ObjectColumns}",
                ("$bucket", bucket), ("$key", key), ("$vid", versionId)))
            using (var reader = current.ExecuteReader())
            {
                removed = reader.Read() ? ReadObject(reader) : null;
            }
            if (removed is not null)
            {
                // The newest noncurrent version (if any) becomes current again (S3 User Guide, "Deleting object versions").
                using var promote = Command(connection, transaction,
                    $"INSERT INTO objects ({ObjectColumns}) SELECT {ObjectColumns} FROM versions WHERE bucket = $bucket AND key = $key ORDER BY seq DESC LIMIT 1",
                    ("$bucket", bucket), ("$key", key));
                if (promote.ExecuteNonQuery() == 1)
                {
                    using var drop = Command(connection, transaction,
                        "DELETE FROM versions WHERE seq = (SELECT MAX(seq) FROM versions WHERE bucket = $bucket AND key = $key)", ("$bucket", bucket), ("$key", key));
                    drop.ExecuteNonQuery();
                }
            }
        }
        if (removed is { BodyFile.Length: > 0 })
        {
            ReleaseInline(connection, transaction, [removed.BodyFile]);
        }
        return removed;
    });

    public bool SetObjectTags(string bucket, string key, string versionId, IReadOnlyDictionary<string, string> tags)
    {
        using var connection = _database.Open();
        var changed = 0;
        foreach (var table in new[] { "objects", "versions" })
        {
            using var command = Command(connection, $"UPDATE {table} SET tags = $tags WHERE bucket = $bucket AND key = $key AND version_id = $vid AND delete_marker = 0",
                ("$bucket", bucket), ("$key", key), ("$vid", versionId), ("$tags", TagsJson(tags)));
            changed += command.ExecuteNonQuery();
        }
        return changed > 0;
    }

    public IEnumerable<S3Object> ScanObjects(string bucket, string from, string? after, bool includeDeleteMarkers = false)
    {
        // Pages of rows, so a long listing never holds a connection or reads a whole bucket at once.
        const int Page = 256;
        var cursor = after;
        while (true)
        {
            var page = new List<S3Object>(Page);
            string? lastKey = null;
            using (var connection = _database.Open())
            {
                var sql = $"SELECT {ObjectColumns} FROM objects WHERE bucket = $bucket AND key >= $from" +
                    (cursor is null ? "" : " AND key > $after") + " ORDER BY key LIMIT " + Page;
                using var command = Command(connection, sql, ("$bucket", bucket), ("$from", from), ("$after", cursor));
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    var obj = ReadObject(reader);
                    lastKey = obj.Key;
                    if (includeDeleteMarkers || !obj.IsDeleteMarker)
                    {
                        page.Add(obj);
                    }
                }
            }
            foreach (var obj in page)
            {
                yield return obj;
            }
            if (lastKey is null)
            {
                yield break;
            }
            cursor = lastKey;
        }
    }

    public IReadOnlyList<S3Object> ListNoncurrentVersions(string bucket, string key)
    {
        using var connection = _database.Open();
        using var command = Command(connection, $"SELECT {ObjectColumns} FROM versions WHERE bucket = $bucket AND key = $key ORDER BY seq DESC",
            ("$bucket", bucket), ("$key", key));
        using var reader = command.ExecuteReader();
        var versions = new List<S3Object>();
        while (reader.Read())
        {
            versions.Add(ReadObject(reader));
        }
        return versions;
    }

    private static (string VersionId, string BodyFile)? CurrentOf(SqliteConnection connection, SqliteTransaction transaction, string bucket, string key)
    {
        using var command = Command(connection, transaction, "SELECT version_id, body_file FROM objects WHERE bucket = $bucket AND key = $key", ("$bucket", bucket), ("$key", key));
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetString(0), reader.GetString(1)) : null;
    }

    /// <summary>
    /// Deletes the inline bodies among <paramref name="released"/> in the transaction that dropped their last reference;
    /// returns the others, body files to delete once it committed.
    /// </summary>
    private static List<string> ReleaseInline(SqliteConnection connection, SqliteTransaction transaction, List<string> released)
    {
        var files = new List<string>(released.Count);
        foreach (var name in released)
        {
            if (!ObjectBodyStore.IsInline(name))
            {
                files.Add(name);
                continue;
            }
            using var delete = Command(connection, transaction, "DELETE FROM inline_bodies WHERE name = $name", ("$name", name));
            delete.ExecuteNonQuery();
        }
        return files;
    }

    private static void CollectBodies(SqliteCommand command, List<string> into)
    {
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (reader.GetString(0) is { Length: > 0 } file)
            {
                into.Add(file);
            }
        }
    }

    private static (string, object?)[] ObjectParameters(S3Object obj) =>
    [
        ("$bucket", obj.Bucket), ("$key", obj.Key), ("$size", obj.Size), ("$etag", obj.ETag),
        ("$modified", obj.LastModified.ToUnixTimeMilliseconds()), ("$body", obj.BodyFile),
        ("$ct", obj.Headers.ContentType), ("$ce", obj.Headers.ContentEncoding), ("$cd", obj.Headers.ContentDisposition),
        ("$cl", obj.Headers.ContentLanguage), ("$cc", obj.Headers.CacheControl), ("$exp", obj.Headers.Expires),
        ("$meta", obj.Headers.UserMetadata.Count == 0 ? null : JsonSerializer.Serialize(obj.Headers.UserMetadata, S3JsonContext.Default.DictionaryStringString)),
        ("$ca", obj.ChecksumAlgorithm), ("$cv", obj.ChecksumValue), ("$vid", obj.VersionId), ("$dm", obj.IsDeleteMarker ? 1 : 0), ("$tags", TagsJson(obj.Tags)),
    ];

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
            VersionId = reader.GetString(15),
            IsDeleteMarker = reader.GetInt64(16) != 0,
            Tags = ParseTags(Text(17)),
            InlineBody = reader.FieldCount > 18 && !reader.IsDBNull(18) ? (byte[])reader.GetValue(18) : null,
        };
    }
}
