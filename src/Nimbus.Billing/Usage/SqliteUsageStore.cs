using System.Globalization;
using Microsoft.Data.Sqlite;
using Nimbus.Core.Storage;

namespace Nimbus.Billing.Usage;

/// <summary>
/// Daily and hourly usage totals in SQLite (<c>db/billing.db</c>). Quantities are stored as text decimals so that
/// adding a million 0.125 GB-s increments stays exact to the cent (REAL would drift). A batch's daily and hourly rows
/// are written in one transaction, so the hours of a day always add up to the day. Hourly rows older than
/// <see cref="IUsageStore.HourlyRetention"/> are pruned (at most once an hour, on a write).
/// </summary>
public sealed class SqliteUsageStore : IUsageStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS usage_daily (
            account TEXT NOT NULL,
            day TEXT NOT NULL,
            service TEXT NOT NULL,
            usage_type TEXT NOT NULL,
            resource TEXT NOT NULL,
            quantity TEXT NOT NULL,
            PRIMARY KEY (account, day, service, usage_type, resource)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS usage_hourly (
            hour TEXT NOT NULL,
            account TEXT NOT NULL,
            service TEXT NOT NULL,
            usage_type TEXT NOT NULL,
            resource TEXT NOT NULL,
            quantity TEXT NOT NULL,
            PRIMARY KEY (hour, account, service, usage_type, resource)) WITHOUT ROWID;
        """;

    /// <summary>An hour as stored: sorts as text in time order.</summary>
    private const string HourFormat = "yyyy-MM-dd'T'HH";

    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;
    private readonly Lock _writeLock = new();
    private DateTime _prunedAt = DateTime.MinValue;

    public SqliteUsageStore(SqliteDatabase database, TimeProvider? time = null)
    {
        _database = database;
        _time = time ?? TimeProvider.System;
        _database.EnsureSchema(Schema);
    }

    public void Add(IReadOnlyList<UsageIncrement> increments)
    {
        if (increments.Count == 0)
        {
            return;
        }
        lock (_writeLock)
        {
            using var connection = _database.Open();
            using var transaction = connection.BeginTransaction();
            AddTo(connection, "usage_daily", "day", increments.Select(i => (i.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), i)));
            AddTo(connection, "usage_hourly", "hour", increments.Where(i => i.Hour is not null)
                .Select(i => (i.Day.ToDateTime(new TimeOnly(i.Hour!.Value, 0)).ToString(HourFormat, CultureInfo.InvariantCulture), i)));
            PruneHourly(connection);
            transaction.Commit();
        }
    }

    public IReadOnlyList<UsageTotal> Read(DateOnly from, DateOnly to, string? accountId) =>
        Query("usage_daily", "day", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), to.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            accountId, text => (DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture), null));

    public IReadOnlyList<UsageTotal> ReadHourly(DateTime from, DateTime to, string? accountId)
    {
        // A read returns many rows of few hours: each hour's text is parsed once.
        var hours = new Dictionary<string, (DateOnly, int?)>(StringComparer.Ordinal);
        return Query("usage_hourly", "hour", from.ToString(HourFormat, CultureInfo.InvariantCulture), to.ToString(HourFormat, CultureInfo.InvariantCulture), accountId, text =>
        {
            if (!hours.TryGetValue(text, out var parsed))
            {
                var hour = DateTime.ParseExact(text, HourFormat, CultureInfo.InvariantCulture);
                hours[text] = parsed = (DateOnly.FromDateTime(hour), hour.Hour);
            }
            return parsed;
        });
    }

    /// <summary>Adds each (account, time, service, usage type, resource) group's sum to its stored total.</summary>
    private static void AddTo(SqliteConnection connection, string table, string timeColumn, IEnumerable<(string Time, UsageIncrement Increment)> increments)
    {
        using var select = connection.CreateCommand();
        select.CommandText = $"SELECT quantity FROM {table} WHERE account = $a AND {timeColumn} = $t AND service = $s AND usage_type = $u AND resource = $r";
        using var upsert = connection.CreateCommand();
        upsert.CommandText = $"INSERT OR REPLACE INTO {table} (account, {timeColumn}, service, usage_type, resource, quantity) VALUES ($a, $t, $s, $u, $r, $q)";
        foreach (var group in increments.GroupBy(x => (x.Increment.AccountId, x.Time, x.Increment.Service, x.Increment.UsageType, x.Increment.Resource)))
        {
            var key = group.Key;
            foreach (var command in new[] { select, upsert })
            {
                command.Parameters.Clear();
                command.Parameters.AddWithValue("$a", key.AccountId);
                command.Parameters.AddWithValue("$t", key.Time);
                command.Parameters.AddWithValue("$s", key.Service);
                command.Parameters.AddWithValue("$u", key.UsageType);
                command.Parameters.AddWithValue("$r", key.Resource);
            }
            var existing = select.ExecuteScalar() is string text ? decimal.Parse(text, CultureInfo.InvariantCulture) : 0m;
            upsert.Parameters.AddWithValue("$q", (existing + group.Sum(x => x.Increment.Quantity)).ToString(CultureInfo.InvariantCulture));
            upsert.ExecuteNonQuery();
        }
    }

    private void PruneHourly(SqliteConnection connection)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var hour = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc);
        if (hour <= _prunedAt)
        {
            return;
        }
        using var delete = connection.CreateCommand();
        delete.CommandText = "DELETE FROM usage_hourly WHERE hour < $cutoff";
        delete.Parameters.AddWithValue("$cutoff", (hour - IUsageStore.HourlyRetention).ToString(HourFormat, CultureInfo.InvariantCulture));
        delete.ExecuteNonQuery();
        _prunedAt = hour;
    }

    private List<UsageTotal> Query(string table, string timeColumn, string from, string toExclusive, string? accountId, Func<string, (DateOnly Day, int? Hour)> time)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT account, {timeColumn}, service, usage_type, resource, quantity FROM {table}
            WHERE {timeColumn} >= $from AND {timeColumn} < $to AND ($account IS NULL OR account = $account) ORDER BY {timeColumn}
            """;
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$to", toExclusive);
        command.Parameters.AddWithValue("$account", (object?)accountId ?? DBNull.Value);
        using var reader = command.ExecuteReader();
        var totals = new List<UsageTotal>();
        while (reader.Read())
        {
            var (day, hour) = time(reader.GetString(1));
            totals.Add(new UsageTotal(reader.GetString(0), day, reader.GetString(2), reader.GetString(3), reader.GetString(4),
                decimal.Parse(reader.GetString(5), CultureInfo.InvariantCulture), hour));
        }
        return totals;
    }
}
