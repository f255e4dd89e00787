using System.Text.Json;
using Microsoft.Data.Sqlite;
using Nimbus.Core.Storage;
using Nimbus.S3.Model;

namespace Nimbus.S3.Store;

/// <summary>
/// S3 metadata in SQLite. Keys are TEXT with SQLite's BINARY collation, which compares the UTF-8 bytes with memcmp:
/// exactly the UTF-8 binary order S3 lists keys in. <c>objects</c> holds each key's current version (possibly a
/// delete marker), <c>versions</c> the noncurrent ones (newest = highest <c>seq</c>), so plain reads and listings
/// stay single-row lookups and range scans whether or not a bucket is versioned.
/// </summary>
internal sealed partial class SqliteS3MetadataStore : IS3MetadataStore, IDisposable
{
    /// <summary>The columns every object version has, current (<c>objects</c>) or not (<c>versions</c>).</summary>
    private const string VersionFields = """
            bucket TEXT NOT NULL,
            key TEXT NOT NULL,
            size INTEGER NOT NULL,
            etag TEXT NOT NULL,
            modified_ms INTEGER NOT NULL,
            body_file TEXT NOT NULL,
            content_type TEXT, content_encoding TEXT, content_disposition TEXT, content_language TEXT,
            cache_control TEXT, expires TEXT,
            user_metadata TEXT,
            checksum_algorithm TEXT, checksum_value TEXT
        """;

    private const string Schema = $$"""
        CREATE TABLE IF NOT EXISTS buckets (
            name TEXT PRIMARY KEY,
            account TEXT NOT NULL,
            region TEXT NOT NULL,
            created_ms INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS bucket_configs (
            bucket TEXT NOT NULL,
            kind TEXT NOT NULL,
            document TEXT NOT NULL,
            PRIMARY KEY (bucket, kind)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS objects (
            {{VersionFields}},
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

    /// <summary>Columns added after the first release, with their definitions: added in place to older databases.</summary>
    private static readonly (string Table, string Column, string Definition)[] AddedColumns =
    [
        ("buckets", "versioning", "TEXT"),
        ("objects", "version_id", "TEXT NOT NULL DEFAULT 'null'"),
        ("objects", "delete_marker", "INTEGER NOT NULL DEFAULT 0"),
        ("objects", "tags", "TEXT"),
        ("uploads", "tags", "TEXT"),
    ];

    private const string Versions = $$"""
        CREATE TABLE IF NOT EXISTS versions (
            seq INTEGER PRIMARY KEY,
            {{VersionFields}},
            version_id TEXT NOT NULL, delete_marker INTEGER NOT NULL, tags TEXT
        );
        CREATE INDEX IF NOT EXISTS versions_by_key ON versions (bucket, key, seq);
        """;

    /// <summary>
    /// Bodies of small objects (<see cref="ObjectBodyStore.InlineLimit"/>), keyed by their body name: written in the
    /// transaction that publishes the object, they are durable with that one commit, where a body file costs two fsyncs
    /// more (file and directory). A rowid table, so the blobs stay out of the object rows that listings scan.
    /// </summary>
    private const string InlineBodies = "CREATE TABLE IF NOT EXISTS inline_bodies (name TEXT PRIMARY KEY, data BLOB NOT NULL);";

    private const string BucketColumns = "name, account, region, created_ms, versioning";

    /// <summary>Reads: pooled connections with their prepared statements, so a GET binds and steps instead of opening and parsing.</summary>
    private readonly SqliteReaderPool _readers;

    /// <summary>
    /// Every write: batched into shared transactions, one fsync for all writes queued meanwhile, and never a second
    /// writer connection waiting on SQLite's write lock.
    /// </summary>
    private readonly SqliteGroupCommit _commits;

    public SqliteS3MetadataStore(SqliteDatabase database)
    {
        database.EnsureSchema(Schema);
        using (var connection = database.Open())
        {
            foreach (var (table, column, definition) in AddedColumns)
            {
                using var probe = connection.CreateCommand();
                probe.CommandText = $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = $column";
                probe.Parameters.AddWithValue("$column", column);
                if (Convert.ToInt64(probe.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
                {
                    SqliteDatabase.Execute(connection, $"ALTER TABLE {table} ADD COLUMN {column} {definition}");
                }
            }
        }
        database.EnsureSchema(Versions);
        database.EnsureSchema(InlineBodies);
        _readers = new SqliteReaderPool(database);
        _commits = new SqliteGroupCommit(database, "s3-group-commit");
    }

    public void Dispose()
    {
        _commits.Dispose();
        _readers.Dispose();
    }

    public S3Bucket? GetBucket(string name)
    {
        using var lease = _readers.Rent();
        using var reader = lease.Cache.Bind($"SELECT {BucketColumns} FROM buckets WHERE name = $name", ("$name", name)).ExecuteReader();
        return reader.Read() ? ReadBucket(reader) : null;
    }

    public bool TryCreateBucket(S3Bucket bucket) => _commits.Run(cache =>
        cache.Bind("INSERT OR IGNORE INTO buckets (name, account, region, created_ms) VALUES ($name, $account, $region, $created)",
            ("$name", bucket.Name), ("$account", bucket.AccountId), ("$region", bucket.Region), ("$created", bucket.CreationDate.ToUnixTimeMilliseconds()))
        .ExecuteNonQuery() == 1);

    public IReadOnlyList<S3Bucket> ListBuckets(string accountId)
    {
        using var lease = _readers.Rent();
        using var reader = lease.Cache.Bind($"SELECT {BucketColumns} FROM buckets WHERE account = $account ORDER BY name", ("$account", accountId)).ExecuteReader();
        var buckets = new List<S3Bucket>();
        while (reader.Read())
        {
            buckets.Add(ReadBucket(reader));
        }
        return buckets;
    }

    /// <summary>In one savepoint of the group commit: a bucket that is not empty is left as it was.</summary>
    public IReadOnlyList<string>? TryDeleteEmptyBucket(string name) => _commits.Run<IReadOnlyList<string>?>(cache =>
    {
        var deleted = cache.Bind(
            "DELETE FROM buckets WHERE name = $name AND NOT EXISTS (SELECT 1 FROM objects WHERE bucket = $name) " +
            "AND NOT EXISTS (SELECT 1 FROM versions WHERE bucket = $name)", ("$name", name)).ExecuteNonQuery();
        if (deleted != 1)
        {
            return null;
        }
        cache.Bind("DELETE FROM bucket_configs WHERE bucket = $name", ("$name", name)).ExecuteNonQuery();
        // Uploads in progress do not keep a bucket from being deleted (S3 deletes it and drops them): their parts go with it.
        var parts = new List<string>();
        CollectBodies(cache.Bind("DELETE FROM parts WHERE upload_id IN (SELECT upload_id FROM uploads WHERE bucket = $name) RETURNING body_file", ("$name", name)), parts);
        cache.Bind("DELETE FROM uploads WHERE bucket = $name", ("$name", name)).ExecuteNonQuery();
        return parts;
    });

    public void SetVersioning(string bucket, string status) => _commits.Run(cache =>
        cache.Bind("UPDATE buckets SET versioning = $status WHERE name = $name", ("$name", bucket), ("$status", status)).ExecuteNonQuery());

    public string? GetBucketConfig(string bucket, string kind)
    {
        using var lease = _readers.Rent();
        return lease.Cache.Bind("SELECT document FROM bucket_configs WHERE bucket = $bucket AND kind = $kind", ("$bucket", bucket), ("$kind", kind)).ExecuteScalar() as string;
    }

    public void SetBucketConfig(string bucket, string kind, string? document) => _commits.Run(cache => (document is null
            ? cache.Bind("DELETE FROM bucket_configs WHERE bucket = $bucket AND kind = $kind", ("$bucket", bucket), ("$kind", kind))
            : cache.Bind("INSERT OR REPLACE INTO bucket_configs (bucket, kind, document) VALUES ($bucket, $kind, $document)",
                ("$bucket", bucket), ("$kind", kind), ("$document", document)))
        .ExecuteNonQuery());

    public IReadOnlyList<(string Bucket, string AccountId, string Region, long Bytes)> StoredBytes()
    {
        using var lease = _readers.Rent();
        using var reader = lease.Cache.Bind(
            "SELECT name, account, region, (SELECT COALESCE(SUM(size), 0) FROM objects WHERE bucket = name) " +
            "+ (SELECT COALESCE(SUM(size), 0) FROM versions WHERE bucket = name) " +
            "+ (SELECT COALESCE(SUM(p.size), 0) FROM parts p JOIN uploads u ON u.upload_id = p.upload_id WHERE u.bucket = name) FROM buckets").ExecuteReader();
        var sizes = new List<(string, string, string, long)>();
        while (reader.Read())
        {
            sizes.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3)));
        }
        return sizes;
    }

    public IEnumerable<string> AllBodyFiles()
    {
        using var lease = _readers.Rent();
        using var reader = lease.Cache.Bind("SELECT body_file FROM objects UNION ALL SELECT body_file FROM versions UNION ALL SELECT body_file FROM parts").ExecuteReader();
        var files = new List<string>();
        while (reader.Read())
        {
            files.Add(reader.GetString(0));
        }
        return files;
    }

    private static S3Bucket ReadBucket(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)))
        {
            Versioning = reader.IsDBNull(4) ? null : reader.GetString(4),
        };

    private static string? TagsJson(IReadOnlyDictionary<string, string>? tags) =>
        tags is null || tags.Count == 0 ? null : JsonSerializer.Serialize(tags.ToDictionary(StringComparer.Ordinal), S3JsonContext.Default.DictionaryStringString);

    private static Dictionary<string, string> ParseTags(string? json) =>
        json is null ? new(StringComparer.Ordinal) : JsonSerializer.Deserialize(json, S3JsonContext.Default.DictionaryStringString)!;
}
