using System.Globalization;
using Microsoft.Data.Sqlite;
using Nimbus.Core.Storage;

namespace Nimbus.Billing.Usage;

/// <summary>
/// Daily usage totals in SQLite (<c>db/billing.db</c>). Quantities are stored as text decimals so that adding a
/// million 0.125 GB-s increments stays exact to the cent (REAL would drift).
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
        """;

    private readonly SqliteDatabase _database;
    private readonly Lock _writeLock = new();

    public SqliteUsageStore(SqliteDatabase database)
    {
        _database = database;
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
            using var select = connection.CreateCommand();
            select.CommandText = "SELECT quantity FROM usage_daily WHERE account = $a AND day = $d AND service = $s AND usage_type = $u AND resource = $r";
            using var upsert = connection.CreateCommand();
            upsert.CommandText = "INSERT OR REPLACE INTO usage_daily (account, day, service, usage_type, resource, quantity) VALUES ($a, $d, $s, $u, $r, $q)";
            foreach (var group in increments.GroupBy(i => (i.AccountId, i.Day, i.Service, i.UsageType, i.Resource)))
            {
                var key = group.Key;
                foreach (var command in new[] { select, upsert })
                {
                    command.Parameters.Clear();
                    command.Parameters.AddWithValue("$a", key.AccountId);
                    command.Parameters.AddWithValue("$d", key.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    command.Parameters.AddWithValue("$s", key.Service);
                    command.Parameters.AddWithValue("$u", key.UsageType);
                    command.Parameters.AddWithValue("$r", key.Resource);
                }
                var existing = select.ExecuteScalar() is string text ? decimal.Parse(text, CultureInfo.InvariantCulture) : 0m;
                upsert.Parameters.AddWithValue("$q", (existing + group.Sum(i => i.Quantity)).ToString(CultureInfo.InvariantCulture));
                upsert.ExecuteNonQuery();
            }
            transaction.Commit();
        }
    }

    public IReadOnlyList<UsageTotal> Read(DateOnly from, DateOnly to, string? accountId)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT account, day, service, usage_type, resource, quantity FROM usage_daily
            WHERE day >= $from AND day <= $to AND ($account IS NULL OR account = $account) ORDER BY day
            """;
        command.Parameters.AddWithValue("$from", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$to", to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$account", (object?)accountId ?? DBNull.Value);
        using var reader = command.ExecuteReader();
        var totals = new List<UsageTotal>();
        while (reader.Read())
        {
            totals.Add(new UsageTotal(reader.GetString(0), DateOnly.ParseExact(reader.GetString(1), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                reader.GetString(2), reader.GetString(3), reader.GetString(4), decimal.Parse(reader.GetString(5), CultureInfo.InvariantCulture)));
        }
        return totals;
    }
}
