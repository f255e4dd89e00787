using System.Text.Json;
using Microsoft.Data.Sqlite;
using Nimbus.Core.Storage;

namespace Nimbus.S3.Notifications;

/// <summary>
/// SQLite tables next to the object metadata (<c>db/s3.db</c>). Triggers on the <c>objects</c> table write the journal
/// row inside the very transaction that publishes or removes an object, but only for buckets with a configuration,
/// so the object store's own code needs no notification logic and other buckets pay one indexed lookup. An object
/// overwrite (<c>INSERT OR REPLACE</c>) is a creation only: without recursive_triggers, REPLACE's implicit delete fires no
/// trigger. With versioning, <c>objects</c> is still the table of current versions (noncurrent ones live in
/// <c>versions</c>): a row inserted there is a new version, unless it is a noncurrent version promoted back after the
/// current one was deleted (that very row, same body and time, is still in <c>versions</c> at the insert, which the
/// created trigger checks); an inserted delete marker is journalled as a removal; a row deleted from it is a version
/// removed for good. A row deleted from <c>versions</c> is a noncurrent version removed for good, journalled the same
/// way, unless <c>objects</c> holds that version id by then: a promotion back to current, or a <c>null</c> version
/// replaced by a new one (the object store writes the new row first).
/// Deleting a bucket drops its configuration, so a new bucket of the same name starts without one.
/// </summary>
internal sealed class SqliteNotificationStore : INotificationStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS notification_configs (
            bucket TEXT PRIMARY KEY,
            config TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS notification_journal (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT,
            bucket TEXT NOT NULL,
            key TEXT NOT NULL,
            removed INTEGER NOT NULL,
            size INTEGER NOT NULL,
            etag TEXT,
            body_file TEXT,
            at_ms INTEGER NOT NULL,
            version_id TEXT,
            delete_marker INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX IF NOT EXISTS notification_journal_by_key ON notification_journal (bucket, key);
        CREATE TABLE IF NOT EXISTS notification_outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            account TEXT NOT NULL,
            region TEXT NOT NULL,
            function_arn TEXT NOT NULL,
            payload BLOB NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_ms INTEGER NOT NULL DEFAULT 0
        );
        DROP TRIGGER IF EXISTS notification_object_created;
        CREATE TRIGGER IF NOT EXISTS notification_object_created2 AFTER INSERT ON objects
        WHEN EXISTS (SELECT 1 FROM notification_configs WHERE bucket = NEW.bucket)
            AND NOT EXISTS (SELECT 1 FROM versions WHERE bucket = NEW.bucket AND key = NEW.key AND version_id = NEW.version_id
                AND body_file = NEW.body_file AND modified_ms = NEW.modified_ms)
        BEGIN
            INSERT INTO notification_journal (bucket, key, removed, size, etag, body_file, at_ms, version_id, delete_marker)
            VALUES (NEW.bucket, NEW.key, NEW.delete_marker, NEW.size, NEW.etag, NEW.body_file, NEW.modified_ms, NEW.version_id, NEW.delete_marker);
        END;
        CREATE TRIGGER IF NOT EXISTS notification_object_removed AFTER DELETE ON objects
        WHEN EXISTS (SELECT 1 FROM notification_configs WHERE bucket = OLD.bucket)
        BEGIN
            INSERT INTO notification_journal (bucket, key, removed, size, etag, body_file, at_ms, version_id, delete_marker)
            VALUES (OLD.bucket, OLD.key, 1, 0, NULL, NULL, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), OLD.version_id, 0);
        END;
        CREATE TRIGGER IF NOT EXISTS notification_version_removed AFTER DELETE ON versions
        WHEN EXISTS (SELECT 1 FROM notification_configs WHERE bucket = OLD.bucket)
            AND NOT EXISTS (SELECT 1 FROM objects WHERE bucket = OLD.bucket AND key = OLD.key AND version_id = OLD.version_id)
        BEGIN
            INSERT INTO notification_journal (bucket, key, removed, size, etag, body_file, at_ms, version_id, delete_marker)
            VALUES (OLD.bucket, OLD.key, 1, 0, NULL, NULL, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), OLD.version_id, 0);
        END;
        CREATE TRIGGER IF NOT EXISTS notification_bucket_deleted AFTER DELETE ON buckets
        BEGIN
            DELETE FROM notification_configs WHERE bucket = OLD.name;
        END;
        """;

    private const string JournalColumns = "sequence, bucket, key, removed, size, etag, body_file, at_ms, version_id, delete_marker";

    private readonly SqliteDatabase _database;

    /// <summary>Needs the object tables to exist (the triggers refer to them): create the metadata store first.</summary>
    public SqliteNotificationStore(SqliteDatabase database)
    {
        _database = database;
        _database.EnsureSchema(Schema);
        AddTraceColumn();
    }

    /// <summary>The outbox's trace header column came later: added to an older data directory's table at start-up.</summary>
    private void AddTraceColumn()
    {
        using var connection = _database.Open();
        using var command = Command(connection, null, "SELECT COUNT(*) FROM pragma_table_info('notification_outbox') WHERE name = 'trace_header'");
        if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            SqliteDatabase.Execute(connection, "ALTER TABLE notification_outbox ADD COLUMN trace_header TEXT");
        }
    }

    public NotificationConfiguration? Get(string bucket)
    {
        using var connection = _database.Open();
        using var command = Command(connection, null, "SELECT config FROM notification_configs WHERE bucket = $bucket", ("$bucket", bucket));
        return command.ExecuteScalar() is string json ? JsonSerializer.Deserialize(json, NotificationJsonContext.Default.NotificationConfiguration) : null;
    }

    public IReadOnlyCollection<string> ConfiguredBuckets()
    {
        using var connection = _database.Open();
        using var command = Command(connection, null, "SELECT bucket FROM notification_configs");
        using var reader = command.ExecuteReader();
        var buckets = new List<string>();
        while (reader.Read())
        {
            buckets.Add(reader.GetString(0));
        }
        return buckets;
    }

    public void Put(string bucket, NotificationConfiguration configuration)
    {
        using var connection = _database.Open();
        using var command = configuration.IsEmpty
            ? Command(connection, null, "DELETE FROM notification_configs WHERE bucket = $bucket", ("$bucket", bucket))
            : Command(connection, null, "INSERT OR REPLACE INTO notification_configs (bucket, config) VALUES ($bucket, $config)",
                ("$bucket", bucket), ("$config", JsonSerializer.Serialize(configuration, NotificationJsonContext.Default.NotificationConfiguration)));
        command.ExecuteNonQuery();
    }

    public void Record(string bucket, string key, bool removed, string? bodyFile, string? versionId, DateTimeOffset at, Func<ObjectChange, IEnumerable<OutboxEvent>> build)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        ObjectChange? change;
        // The oldest matching row: for a creation the one holding this very body file.
        using (var claim = Command(connection, transaction,
            $"DELETE FROM notification_journal WHERE sequence = (SELECT sequence FROM notification_journal WHERE bucket = $bucket AND key = $key " +
            $"AND removed = $removed AND ($body IS NULL OR body_file = $body) AND ($vid IS NULL OR version_id = $vid) ORDER BY sequence LIMIT 1) RETURNING {JournalColumns}",
            ("$bucket", bucket), ("$key", key), ("$removed", removed ? 1 : 0), ("$body", bodyFile), ("$vid", versionId)))
        {
            change = ReadSingle(claim);
        }
        if (change is null)
        {
            // Nothing journalled (a delete of a missing key, or the bucket was configured mid-request): a fresh sequence.
            using var allocate = Command(connection, transaction,
                $"INSERT INTO notification_journal (bucket, key, removed, size, etag, body_file, at_ms, version_id) VALUES ($bucket, $key, $removed, 0, NULL, NULL, $at, $vid) RETURNING {JournalColumns}",
                ("$bucket", bucket), ("$key", key), ("$removed", removed ? 1 : 0), ("$at", at.ToUnixTimeMilliseconds()), ("$vid", versionId));
            change = ReadSingle(allocate)!;
            using var drop = Command(connection, transaction, "DELETE FROM notification_journal WHERE sequence = $sequence", ("$sequence", change.Sequence));
            drop.ExecuteNonQuery();
        }
        Insert(connection, transaction, build(change));
        transaction.Commit();
    }

    public IReadOnlyList<ObjectChange> Unclaimed(DateTimeOffset before)
    {
        using var connection = _database.Open();
        using var command = Command(connection, null, $"SELECT {JournalColumns} FROM notification_journal WHERE at_ms < $before ORDER BY sequence",
            ("$before", before.ToUnixTimeMilliseconds()));
        using var reader = command.ExecuteReader();
        var changes = new List<ObjectChange>();
        while (reader.Read())
        {
            changes.Add(ReadChange(reader));
        }
        return changes;
    }

    public bool Recover(ObjectChange change, IEnumerable<OutboxEvent> events)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        using (var claim = Command(connection, transaction, "DELETE FROM notification_journal WHERE sequence = $sequence", ("$sequence", change.Sequence)))
        {
            if (claim.ExecuteNonQuery() == 0)
            {
                return false;
            }
        }
        Insert(connection, transaction, events);
        transaction.Commit();
        return true;
    }

    public void Enqueue(IEnumerable<OutboxEvent> events)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        Insert(connection, transaction, events);
        transaction.Commit();
    }

    public IReadOnlyList<OutboxEvent> Outbox(int limit, DateTimeOffset now)
    {
        using var connection = _database.Open();
        using var command = Command(connection, null,
            "SELECT id, account, region, function_arn, payload, attempts, trace_header FROM notification_outbox WHERE next_attempt_ms <= $now ORDER BY id LIMIT " + limit,
            ("$now", now.ToUnixTimeMilliseconds()));
        using var reader = command.ExecuteReader();
        var events = new List<OutboxEvent>();
        while (reader.Read())
        {
            events.Add(new OutboxEvent(reader.GetString(1), reader.GetString(2), reader.GetString(3), (byte[])reader.GetValue(4))
            {
                Id = reader.GetInt64(0),
                Attempts = reader.GetInt32(5),
                TraceHeader = reader.IsDBNull(6) ? null : reader.GetString(6),
            });
        }
        return events;
    }

    public void Delivered(long id)
    {
        using var connection = _database.Open();
        using var command = Command(connection, null, "DELETE FROM notification_outbox WHERE id = $id", ("$id", id));
        command.ExecuteNonQuery();
    }

    public void Failed(long id, int attempts, DateTimeOffset nextAttempt)
    {
        using var connection = _database.Open();
        using var command = Command(connection, null, "UPDATE notification_outbox SET attempts = $attempts, next_attempt_ms = $next WHERE id = $id",
            ("$id", id), ("$attempts", attempts), ("$next", nextAttempt.ToUnixTimeMilliseconds()));
        command.ExecuteNonQuery();
    }

    private static void Insert(SqliteConnection connection, SqliteTransaction transaction, IEnumerable<OutboxEvent> events)
    {
        foreach (var e in events)
        {
            using var insert = Command(connection, transaction,
                "INSERT INTO notification_outbox (account, region, function_arn, payload, trace_header) VALUES ($account, $region, $arn, $payload, $trace)",
                ("$account", e.AccountId), ("$region", e.Region), ("$arn", e.FunctionArn), ("$payload", e.Payload), ("$trace", e.TraceHeader));
            insert.ExecuteNonQuery();
        }
    }

    private static ObjectChange? ReadSingle(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadChange(reader) : null;
    }

    private static ObjectChange ReadChange(SqliteDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3) != 0, reader.GetInt64(4),
        reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)), reader.IsDBNull(8) ? null : reader.GetString(8), reader.GetInt64(9) != 0);

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        return command;
    }
}
