using System.Text.Json;
using Microsoft.Data.Sqlite;
using Nimbus.CloudWatch.Alarms.Model;
using Nimbus.Core;
using Nimbus.Core.Storage;

namespace Nimbus.CloudWatch.Alarms.Store;

/// <summary>
/// Alarms in SQLite (<c>db/alarms.db</c>): one row per alarm holding its JSON document, and an append-only history
/// table. Alarm counts are small (thousands), so the evaluator reads them all each minute.
/// </summary>
public sealed class SqliteAlarmStore : IAlarmStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS alarms (
            account TEXT NOT NULL,
            region TEXT NOT NULL,
            name TEXT NOT NULL,
            document TEXT NOT NULL,
            PRIMARY KEY (account, region, name)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS alarm_history (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            account TEXT NOT NULL,
            region TEXT NOT NULL,
            name TEXT NOT NULL,
            timestamp INTEGER NOT NULL,
            item_type TEXT NOT NULL,
            summary TEXT NOT NULL,
            data TEXT NOT NULL,
            alarm_type TEXT NOT NULL DEFAULT 'MetricAlarm');
        CREATE INDEX IF NOT EXISTS alarm_history_by_time ON alarm_history (timestamp);
        """;

    private readonly SqliteDatabase _database;

    public SqliteAlarmStore(SqliteDatabase database)
    {
        _database = database;
        _database.EnsureSchema(Schema);
        AddAlarmTypeColumn();
    }

    public MetricAlarm? Get(AwsScope scope, string name)
    {
        using var connection = _database.Open();
        using var command = Command(connection, "SELECT document FROM alarms WHERE account = $a AND region = $r AND name = $n", scope);
        command.Parameters.AddWithValue("$n", name);
        return command.ExecuteScalar() is string json ? Parse(json) : null;
    }

    public IReadOnlyList<MetricAlarm> List(AwsScope scope, string? afterName = null)
    {
        using var connection = _database.Open();
        using var command = Command(connection, "SELECT document FROM alarms WHERE account = $a AND region = $r AND name > $after ORDER BY name", scope);
        command.Parameters.AddWithValue("$after", afterName ?? "");
        return ReadAlarms(command);
    }

    public IReadOnlyList<MetricAlarm> ListAll()
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT document FROM alarms ORDER BY account, region, name";
        return ReadAlarms(command);
    }

    public int Count(AwsScope scope)
    {
        using var connection = _database.Open();
        using var command = Command(connection, "SELECT COUNT(*) FROM alarms WHERE account = $a AND region = $r", scope);
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Put(MetricAlarm alarm, params AlarmHistoryItem[] history) => PutMany([alarm], history);

    public void PutMany(IReadOnlyList<MetricAlarm> alarms, IReadOnlyList<AlarmHistoryItem> history)
    {
        if (alarms.Count == 0 && history.Count == 0)
        {
            return;
        }
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "INSERT OR REPLACE INTO alarms (account, region, name, document) VALUES ($a, $r, $n, $d)";
            var account = command.Parameters.Add("$a", SqliteType.Text);
            var region = command.Parameters.Add("$r", SqliteType.Text);
            var name = command.Parameters.Add("$n", SqliteType.Text);
            var document = command.Parameters.Add("$d", SqliteType.Text);
            foreach (var alarm in alarms)
            {
                account.Value = alarm.AccountId;
                region.Value = alarm.Region;
                name.Value = alarm.AlarmName;
                document.Value = JsonSerializer.Serialize(alarm, AlarmsJsonContext.Default.MetricAlarm);
                command.ExecuteNonQuery();
            }
        }
        foreach (var item in history)
        {
            InsertHistory(connection, item);
        }
        transaction.Commit();
    }

    public void Delete(AwsScope scope, IReadOnlyList<string> names)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        using var command = Command(connection, "DELETE FROM alarms WHERE account = $a AND region = $r AND name = $n", scope);
        var name = command.Parameters.Add("$n", SqliteType.Text);
        foreach (var each in names)
        {
            name.Value = each;
            command.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    public void AddHistory(AlarmHistoryItem item)
    {
        using var connection = _database.Open();
        InsertHistory(connection, item);
    }

    public IReadOnlyList<AlarmHistoryItem> History(AwsScope scope, string? alarmName, string? itemType, string? alarmType, DateTimeOffset? from,
        DateTimeOffset? to, bool ascending, long? afterId, int limit)
    {
        using var connection = _database.Open();
        using var command = Command(connection, $"""
            SELECT id, name, timestamp, item_type, summary, data, alarm_type FROM alarm_history
            WHERE account = $a AND region = $r AND ($name IS NULL OR name = $name) AND ($type IS NULL OR item_type = $type)
              AND ($alarmType IS NULL OR alarm_type = $alarmType)
              AND timestamp >= $from AND timestamp <= $to AND ($after IS NULL OR id {(ascending ? ">" : "<")} $after)
            ORDER BY id {(ascending ? "ASC" : "DESC")} LIMIT $limit
            """, scope);
        command.Parameters.AddWithValue("$name", (object?)alarmName ?? DBNull.Value);
        command.Parameters.AddWithValue("$type", (object?)itemType ?? DBNull.Value);
        command.Parameters.AddWithValue("$alarmType", (object?)alarmType ?? DBNull.Value);
        command.Parameters.AddWithValue("$from", from?.ToUnixTimeMilliseconds() ?? long.MinValue);
        command.Parameters.AddWithValue("$to", to?.ToUnixTimeMilliseconds() ?? long.MaxValue);
        command.Parameters.AddWithValue("$after", (object?)afterId ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var items = new List<AlarmHistoryItem>();
        while (reader.Read())
        {
            items.Add(new AlarmHistoryItem(scope.AccountId, scope.Region, reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                reader.GetString(3), reader.GetString(4), reader.GetString(5)) { Id = reader.GetInt64(0), AlarmType = reader.GetString(6) });
        }
        return items;
    }

    public int TrimHistory(DateTimeOffset cutoff)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM alarm_history WHERE timestamp < $cutoff";
        command.Parameters.AddWithValue("$cutoff", cutoff.ToUnixTimeMilliseconds());
        return command.ExecuteNonQuery();
    }

    private static void InsertHistory(SqliteConnection connection, AlarmHistoryItem item)
    {
        using var command = Command(connection, """
            INSERT INTO alarm_history (account, region, name, timestamp, item_type, summary, data, alarm_type) VALUES ($a, $r, $n, $t, $type, $s, $d, $at)
            """, new AwsScope(item.AccountId, item.Region));
        command.Parameters.AddWithValue("$at", item.AlarmType);
        command.Parameters.AddWithValue("$n", item.AlarmName);
        command.Parameters.AddWithValue("$t", item.Timestamp.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$type", item.HistoryItemType);
        command.Parameters.AddWithValue("$s", item.HistorySummary);
        command.Parameters.AddWithValue("$d", item.HistoryData);
        command.ExecuteNonQuery();
    }

    /// <summary>Data directories from before composite alarms have a history table without the alarm type: all its items are metric alarms'.</summary>
    private void AddAlarmTypeColumn()
    {
        using var connection = _database.Open();
        using var columns = connection.CreateCommand();
        columns.CommandText = "SELECT COUNT(*) FROM pragma_table_info('alarm_history') WHERE name = 'alarm_type'";
        if (Convert.ToInt32(columns.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            SqliteDatabase.Execute(connection, "ALTER TABLE alarm_history ADD COLUMN alarm_type TEXT NOT NULL DEFAULT 'MetricAlarm'");
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, AwsScope scope)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$a", scope.AccountId);
        command.Parameters.AddWithValue("$r", scope.Region);
        return command;
    }

    private static List<MetricAlarm> ReadAlarms(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var alarms = new List<MetricAlarm>();
        while (reader.Read())
        {
            alarms.Add(Parse(reader.GetString(0)));
        }
        return alarms;
    }

    private static MetricAlarm Parse(string json) =>
        JsonSerializer.Deserialize(json, AlarmsJsonContext.Default.MetricAlarm) ?? throw new InvalidDataException("An alarm row holds no document.");
}
