using Nimbus.EventBridge.Model;

namespace Nimbus.EventBridge.Store;

/// <summary>
/// The record of firings: one row per target per tick (or per matched event, or per "run now"), written in the same
/// transaction that queues the delivery (<see cref="FiringRows"/>), updated by the delivery worker with the outcome,
/// trimmed to the latest <see cref="FiringRecord.Kept"/> per rule or schedule.
/// </summary>
internal sealed partial class SqliteEventBridgeStore
{
    private const string FiringsSchema = """
        CREATE TABLE IF NOT EXISTS firings (id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL, tick_ms INTEGER NOT NULL,
            fired_ms INTEGER NOT NULL, target TEXT NOT NULL, outcome TEXT NOT NULL, error TEXT, attempts INTEGER NOT NULL DEFAULT 0,
            run_now INTEGER NOT NULL DEFAULT 0, completed_ms INTEGER);
        CREATE INDEX IF NOT EXISTS firings_by_key ON firings (key, id);
        """;

    public IReadOnlyDictionary<string, IReadOnlyList<FiringRecord>> RecentFirings(int perKey)
    {
        using var connection = _database.Open();
        using var command = Command(connection, null, """
            SELECT id, key, tick_ms, fired_ms, target, outcome, error, attempts, run_now, completed_ms FROM
              (SELECT *, ROW_NUMBER() OVER (PARTITION BY key ORDER BY id DESC) AS n FROM firings) WHERE n <= $n ORDER BY key, id DESC
            """, [("$n", perKey)]);
        using var reader = command.ExecuteReader();
        var firings = new Dictionary<string, IReadOnlyList<FiringRecord>>(StringComparer.Ordinal);
        while (reader.Read())
        {
            var firing = new FiringRecord
            {
                Id = reader.GetInt64(0),
                Key = reader.GetString(1),
                Tick = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                FiredAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
                Target = reader.GetString(4),
                Outcome = reader.GetString(5),
                Error = reader.IsDBNull(6) ? null : reader.GetString(6),
                Attempts = reader.GetInt32(7),
                RunNow = reader.GetInt64(8) != 0,
                CompletedAt = reader.IsDBNull(9) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(9)),
            };
            if (!firings.TryGetValue(firing.Key, out var list))
            {
                firings[firing.Key] = list = new List<FiringRecord>();
            }
            ((List<FiringRecord>)list).Add(firing);
        }
        return firings;
    }
}
