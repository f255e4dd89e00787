using System.Text.Json;
using Microsoft.Data.Sqlite;
using Nimbus.Core.Storage;
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
        using var lease = _readers.Rent();
        using var reader = lease.Cache.Bind($"SELECT {ObjectColumns}, {InlineData} FROM objects WHERE bucket = $bucket AND key = $key", ("$bucket", bucket), ("$key", key))
            .ExecuteReader();
        return reader.Read() ? ReadObject(reader) : null;
    }

    public S3Object? GetObjectVersion(string bucket, string key, string versionId)
    {
        using var lease = _readers.Rent();
        var command = lease.Cache.Bind(
            $"SELECT {ObjectColumns}, {InlineData} FROM objects WHERE bucket = $bucket AND key = $key AND version_id = $vid " +
            $"UNION ALL SELECT {ObjectColumns}, {InlineData} FROM versions WHERE bucket = $bucket AND key = $key AND version_id = $vid LIMIT 1",
            ("$bucket", bucket), ("$key", key), ("$vid", versionId));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadObject(reader) : null;
    }

    public Task<IReadOnlyList<string>> PutObjectAsync(S3Object obj, bool keepPrevious) => _commits.RunAsync<IReadOnlyList<string>>(cache =>
    {
        var released = new List<string>();
        var current = CurrentOf(cache, obj.Bucket, obj.Key);
        if (current is not null)
        {
            if (keepPrevious && current.Value.VersionId != obj.VersionId)
            {
                cache.Bind($"INSERT INTO versions ({ObjectColumns}) SELECT {ObjectColumns} FROM objects WHERE bucket = $bucket AND key = $key",
                    ("$bucket", obj.Bucket), ("$key", obj.Key)).ExecuteNonQuery();
            }
            else if (current.Value.BodyFile.Length > 0)
            {
                released.Add(current.Value.BodyFile);
            }
        }
        cache.Bind($"INSERT OR REPLACE INTO objects ({ObjectColumns}) VALUES ({ObjectValues})", ObjectParameters(obj)).ExecuteNonQuery();
        if (obj.InlineBody is { } inline)
        {
            cache.Bind("INSERT INTO inline_bodies (name, data) VALUES ($name, $data)", ("$name", obj.BodyFile), ("$data", inline)).ExecuteNonQuery();
        }
        // A noncurrent version with the same id (the "null" version, when versioning is suspended) is overwritten. Removed
        // after the new row is in place, so the notification journal sees a replacement, not a version deleted for good.
        CollectBodies(cache.Bind("DELETE FROM versions WHERE bucket = $bucket AND key = $key AND version_id = $vid RETURNING body_file",
            ("$bucket", obj.Bucket), ("$key", obj.Key), ("$vid", obj.VersionId)), released);
        return ReleaseInline(cache, released);
    });

    public Task<string?> DeleteObjectAsync(string bucket, string key) => _commits.RunAsync(cache =>
    {
        var file = cache.Bind("DELETE FROM objects WHERE bucket = $bucket AND key = $key RETURNING body_file", ("$bucket", bucket), ("$key", key)).ExecuteScalar() as string;
        return file is { Length: > 0 } ? ReleaseInline(cache, [file]).FirstOrDefault() : null;
    });

    public Task<S3Object?> DeleteObjectVersionAsync(string bucket, string key, string versionId) => _commits.RunAsync(cache =>
    {
        S3Object? removed = null;
        using (var reader = cache.Bind($"DELETE FROM versions WHERE bucket = $bucket AND key = $key AND version_id = $vid RETURNING {ObjectColumns}",
            ("$bucket", bucket), ("$key", key), ("$vid", versionId)).ExecuteReader())
        {
            removed = reader.Read() ? ReadObject(reader) : null;
        }
        if (removed is null)
        {
            using (var reader = cache.Bind($"DELETE FROM objects WHERE bucket = $bucket AND key = $key AND version_id = $vid RETURNING {ObjectColumns}",
                ("$bucket", bucket), ("$key", key), ("$vid", versionId)).ExecuteReader())
            {
                removed = reader.Read() ? ReadObject(reader) : null;
            }
            if (removed is not null)
            {
                // The newest noncurrent version (if any) becomes current again (S3 User Guide, "Deleting object versions").
                var promote = cache.Bind(
                    $"INSERT INTO objects ({ObjectColumns}) SELECT {ObjectColumns} FROM versions WHERE bucket = $bucket AND key = $key ORDER BY seq DESC LIMIT 1",
                    ("$bucket", bucket), ("$key", key));
                if (promote.ExecuteNonQuery() == 1)
                {
                    cache.Bind("DELETE FROM versions WHERE seq = (SELECT MAX(seq) FROM versions WHERE bucket = $bucket AND key = $key)", ("$bucket", bucket), ("$key", key))
                        .ExecuteNonQuery();
                }
            }
        }
        if (removed is { BodyFile.Length: > 0 })
        {
            ReleaseInline(cache, [removed.BodyFile]);
        }
        return removed;
    });

    public bool SetObjectTags(string bucket, string key, string versionId, IReadOnlyDictionary<string, string> tags) => _commits.Run(cache =>
    {
        var changed = 0;
        foreach (var table in new[] { "objects", "versions" })
        {
            changed += cache.Bind($"UPDATE {table} SET tags = $tags WHERE bucket = $bucket AND key = $key AND version_id = $vid AND delete_marker = 0",
                ("$bucket", bucket), ("$key", key), ("$vid", versionId), ("$tags", TagsJson(tags))).ExecuteNonQuery();
        }
        return changed > 0;
    });

    public IEnumerable<S3Object> ScanObjects(string bucket, string from, string? after, bool includeDeleteMarkers = false)
    {
        // Pages of rows, so a long listing never holds a connection or reads a whole bucket at once.
        const int Page = 256;
        var cursor = after;
        while (true)
        {
            var page = new List<S3Object>(Page);
            string? lastKey = null;
            using (var lease = _readers.Rent())
            {
                // Both forms name all three parameters (SQLite ignores $after where it is not used), so they bind alike.
                var sql = $"SELECT {ObjectColumns} FROM objects WHERE bucket = $bucket AND key >= $from" +
                    (cursor is null ? "" : " AND key > $after") + " ORDER BY key LIMIT " + Page;
                using var reader = lease.Cache.Bind(sql, ("$bucket", bucket), ("$from", from), ("$after", cursor)).ExecuteReader();
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
        using var lease = _readers.Rent();
        using var reader = lease.Cache.Bind($"SELECT {ObjectColumns} FROM versions WHERE bucket = $bucket AND key = $key ORDER BY seq DESC",
            ("$bucket", bucket), ("$key", key)).ExecuteReader();
        var versions = new List<S3Object>();
        while (reader.Read())
        {
            versions.Add(ReadObject(reader));
        }
        return versions;
    }

    private static (string VersionId, string BodyFile)? CurrentOf(SqliteCommandCache cache, string bucket, string key)
    {
        using var reader = cache.Bind("SELECT version_id, body_file FROM objects WHERE bucket = $bucket AND key = $key", ("$bucket", bucket), ("$key", key)).ExecuteReader();
        return reader.Read() ? (reader.GetString(0), reader.GetString(1)) : null;
    }

    /// <summary>
    /// Deletes the inline bodies among <paramref name="released"/> in the transaction that dropped their last reference;
    /// returns the others, body files to delete once it committed.
    /// </summary>
    private static List<string> ReleaseInline(SqliteCommandCache cache, List<string> released)
    {
        var files = new List<string>(released.Count);
        foreach (var name in released)
        {
            if (!ObjectBodyStore.IsInline(name))
            {
                files.Add(name);
                continue;
            }
            cache.Bind("DELETE FROM inline_bodies WHERE name = $name", ("$name", name)).ExecuteNonQuery();
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
