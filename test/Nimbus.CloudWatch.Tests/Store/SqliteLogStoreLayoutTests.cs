using Microsoft.Data.Sqlite;
using Nimbus.CloudWatch.Logs.Model;
using Nimbus.CloudWatch.Logs.Store;
using Nimbus.CloudWatch.Tests.Support;
using Nimbus.Core;
using Nimbus.Core.Logs;

namespace Nimbus.CloudWatch.Tests.Store;

/// <summary>
/// The SQLite layout of events: ids assigned by the store that never come back, and stores written by the earlier
/// layout (AUTOINCREMENT ids, indexes ending in id) converted on open with every event and id kept.
/// </summary>
public sealed class SqliteLogStoreLayoutTests : IDisposable
{
    private static readonly AwsScope Scope = new("111111111111", "us-east-1");

    /// <summary>The schema of log events as the earlier layout created it (with the groups and streams it references).</summary>
    private const string EarlierSchema = """
        CREATE TABLE log_groups (
            id INTEGER PRIMARY KEY AUTOINCREMENT, account_id TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,
            creation_time INTEGER NOT NULL, retention_days INTEGER NULL, log_group_class TEXT NOT NULL,
            stored_bytes INTEGER NOT NULL DEFAULT 0, UNIQUE (account_id, region, name));
        CREATE TABLE log_streams (
            id INTEGER PRIMARY KEY AUTOINCREMENT, group_id INTEGER NOT NULL REFERENCES log_groups (id) ON DELETE CASCADE,
            name TEXT NOT NULL, creation_time INTEGER NOT NULL, first_event_time INTEGER NULL, last_event_time INTEGER NULL,
            last_ingestion_time INTEGER NULL, event_count INTEGER NOT NULL DEFAULT 0, UNIQUE (group_id, name));
        CREATE TABLE log_events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            stream_id INTEGER NOT NULL REFERENCES log_streams (id) ON DELETE CASCADE,
            group_id INTEGER NOT NULL, timestamp INTEGER NOT NULL, ingestion_time INTEGER NOT NULL, message TEXT NOT NULL);
        CREATE INDEX log_events_by_stream ON log_events (stream_id, timestamp, id);
        CREATE INDEX log_events_by_group ON log_events (group_id, timestamp, id);
        """;

    private readonly TempDirectory _directory = new();

    private string DatabasePath => Path.Combine(_directory.Path, "logs.db");

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task Ids_AreNotReusedAfterTheNewestEventsWereDeleted_EvenAcrossARestart()
    {
        var store = Open();
        await Append(store, "g", "keep", (1, "a"));
        await Append(store, "g", "drop", (2, "b"), (3, "c"));
        var newest = (await Events(store, "g")).Max(e => e.Id);
        Assert.Equal(newest, store.LatestEventId());

        await store.DeleteStreamAsync(Scope, "g", "drop", Ct);
        await Append(Open(), "g", "drop", (4, "d"));

        var again = (await Events(Open(), "g")).Single(e => e.Message == "d");
        Assert.True(again.Id > newest, $"id {again.Id} was handed out again (newest before the delete: {newest})");
    }

    [Fact]
    public async Task Ids_IncreaseInCommitOrderAcrossStreamsAndCalls()
    {
        var store = Open();
        await Append(store, "g", "s1", (50, "first"), (10, "second"));
        await Append(store, "g", "s2", (30, "third"));

        var byId = (await Events(store, "g")).OrderBy(e => e.Id).Select(e => e.Message);

        Assert.Equal(["first", "second", "third"], byId);
    }

    [Fact]
    public async Task NewStore_HasLargePages()
    {
        await Append(Open(), "g", "s", (1, "a"));

        Assert.Equal(SqliteLogStore.PageSize, Count("PRAGMA page_size"));
    }

    [Fact]
    public async Task EarlierLayout_IsConvertedOnOpenWithEveryEventAndIdKept()
    {
        CreateEarlierStore();

        var store = Open();

        // Same events, same ids, same order (timestamp, then id: the order pagination tokens follow).
        var events = await Events(store, "/aws/lambda/f");
        Assert.Equal([(3L, 100L, "b1"), (5L, 100L, "a1"), (2L, 150L, "a2"), (4L, 150L, "b2")], events.Select(e => (e.Id, e.Timestamp, e.Message)));
        var stream = await store.ReadStreamAsync(Scope, "/aws/lambda/f", "a", new StreamEventQuery(null, null, new EventKey(100, 5), null, true, 10, 1 << 20), Ct);
        Assert.Equal(["a2"], stream!.Events.Select(e => e.Message));
        Assert.Equal(2, (await store.GetStreamAsync(Scope, "/aws/lambda/f", "a", Ct))!.EventCount);
        Assert.Equal("b2", (await store.GetEventAsync(Scope, "/aws/lambda/f", 4, Ct))!.Event.Message);

        // The sequence said 7 (events 6 and 7 were deleted): new ids continue after it, not after the greatest left.
        await Append(store, "/aws/lambda/f", "a", (200, "new"));
        Assert.Equal(8, (await Events(store, "/aws/lambda/f")).Single(e => e.Message == "new").Id);

        Assert.DoesNotContain("AUTOINCREMENT", Definition("table", "log_events"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(4096L, Count("PRAGMA page_size")); // a file in WAL mode keeps the page size it was created with
        Assert.EndsWith("(stream_id, timestamp)", Definition("index", "log_events_by_stream"), StringComparison.Ordinal);
        Assert.EndsWith("(group_id, timestamp)", Definition("index", "log_events_by_group"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EarlierLayout_ConvertedOnce_OpeningAgainChangesNothing()
    {
        CreateEarlierStore();
        var first = await Events(Open(), "/aws/lambda/f");

        var store = Open();
        await Append(store, "/aws/lambda/f", "b", (300, "later"));

        var second = await Events(Open(), "/aws/lambda/f");
        Assert.Equal(first.Select(e => (e.Id, e.Message)), second.SkipLast(1).Select(e => (e.Id, e.Message)));
        Assert.Equal((8L, "later"), (second[^1].Id, second[^1].Message));
    }

    [Fact]
    public async Task EarlierLayout_StreamDeleteStillCascadesAfterTheConversion()
    {
        CreateEarlierStore();
        var store = Open();

        Assert.Equal(AppendOutcome.Stored, await store.DeleteStreamAsync(Scope, "/aws/lambda/f", "a", Ct));

        Assert.Equal(["b1", "b2"], (await Events(store, "/aws/lambda/f")).Select(e => e.Message));
        Assert.Equal(0L, Count("SELECT count(*) FROM log_events WHERE stream_id = 1"));
    }

    [Fact]
    public async Task LiveTailAndRetentionReads_AreRangesOfAnIndex_NotScans()
    {
        var store = Open();
        for (var i = 0; i < 20; i++)
        {
            await Append(store, "g" + i % 2, "s" + i % 4, (i, "m" + i), (i, "n" + i));
        }

        var tail = Plan(SqliteLogStore.ArrivedSql([1, 2]));
        var retention = Plan(SqliteLogStore.ExpiredEventsSql);

        Assert.Contains("SEARCH e USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)", tail);
        Assert.DoesNotContain("TEMP B-TREE", tail);
        Assert.Contains("SEARCH e USING INDEX log_events_by_group (group_id=? AND timestamp<?)", retention);
        Assert.DoesNotContain("SCAN e", retention);
    }

    [Fact]
    public async Task Append_TurnsForeignKeysOffForItselfOnly_AStreamDeleteOnTheReusedConnectionStillCascades()
    {
        // One store, one pooled connection: the delete runs on the connection the appends just gave back.
        var store = Open();
        await Append(store, "g", "a", (1, "a1"), (2, "a2"));
        await Append(store, "g", "b", (1, "b1"));

        Assert.Equal(AppendOutcome.Stored, await store.DeleteStreamAsync(Scope, "g", "a", Ct));
        await Append(store, "g", "b", (3, "b2"));

        Assert.Equal(["b1", "b2"], (await Events(store, "g")).Select(e => e.Message));
        // Without foreign keys on again, the delete would have left a1 and a2 behind, unreachable.
        Assert.Equal(2L, Count("SELECT count(*) FROM log_events"));
    }

    public void Dispose() => _directory.Dispose();

    private string Plan(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        using var reader = command.ExecuteReader();
        var plan = new List<string>();
        while (reader.Read())
        {
            plan.Add(reader.GetString(3));
        }
        return string.Join('\n', plan);
    }

    private SqliteLogStore Open() => SqliteLogStore.Open(DatabasePath);

    /// <summary>
    /// Two streams whose events arrived interleaved (ids 2-5), plus events 1, 6 and 7 since deleted — so the sequence
    /// (7) is above the greatest id left (5), as after retention or DeleteLogStream removed the newest events.
    /// </summary>
    private void CreateEarlierStore()
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        connection.Open();
        Exec(connection, EarlierSchema + """
            INSERT INTO log_groups (account_id, region, name, creation_time, log_group_class, stored_bytes)
                VALUES ('111111111111', 'us-east-1', '/aws/lambda/f', 1, 'STANDARD', 112);
            INSERT INTO log_streams (group_id, name, creation_time, first_event_time, last_event_time, event_count)
                VALUES (1, 'a', 1, 100, 150, 2), (1, 'b', 1, 100, 150, 2);
            INSERT INTO log_events (stream_id, group_id, timestamp, ingestion_time, message) VALUES (1, 1, 90, 1, 'gone');
            INSERT INTO log_events (stream_id, group_id, timestamp, ingestion_time, message) VALUES (1, 1, 150, 1, 'a2');
            INSERT INTO log_events (stream_id, group_id, timestamp, ingestion_time, message) VALUES (2, 1, 100, 1, 'b1');
            INSERT INTO log_events (stream_id, group_id, timestamp, ingestion_time, message) VALUES (2, 1, 150, 1, 'b2');
            INSERT INTO log_events (stream_id, group_id, timestamp, ingestion_time, message) VALUES (1, 1, 100, 1, 'a1');
            INSERT INTO log_events (stream_id, group_id, timestamp, ingestion_time, message) VALUES (2, 1, 160, 1, 'gone');
            INSERT INTO log_events (stream_id, group_id, timestamp, ingestion_time, message) VALUES (2, 1, 170, 1, 'gone');
            DELETE FROM log_events WHERE message = 'gone';
            """);
    }

    private string Definition(string type, string name)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sql FROM sqlite_schema WHERE type = $t AND name = $n";
        command.Parameters.AddWithValue("$t", type);
        command.Parameters.AddWithValue("$n", name);
        return (string)command.ExecuteScalar()!;
    }

    private long Count(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private static void Exec(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static async Task<List<LogEvent>> Events(SqliteLogStore store, string group) =>
        (await store.FilterAsync(Scope, group, new GroupEventQuery(null, null, null, null, FilterPattern.MatchAll, null, 100, 1 << 20), Ct))!.Events.ToList();

    private static Task Append(SqliteLogStore store, string group, string stream, params (long Time, string Message)[] events) =>
        store.AppendAsync(LogPage.Of(Scope, group, stream, events.Select(e => new LogRecord(e.Time, e.Message)).ToList()), 1000, createMissing: true, Ct);
}
