using Microsoft.Data.Sqlite;
using Nimbus.EventBridge.Model;

namespace Nimbus.EventBridge.Store;

/// <summary>
/// Writes firing rows within one transaction, each statement prepared once and rebound per row: a tick at which
/// 10,000 schedules are due records 10,000 firings, and preparing a statement per row would cost more than the rows.
/// </summary>
internal sealed class FiringRows : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly HashSet<string> _touched = new(StringComparer.Ordinal);
    private SqliteCommand? _insert;
    private SqliteCommand? _update;

    public FiringRows(SqliteConnection connection, SqliteTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    /// <summary>Adds a firing row and returns its id; <see cref="Trim"/> later keeps each touched key's latest rows only.</summary>
    public long Record(string key, DateTimeOffset tick, DateTimeOffset firedAt, string target, string outcome, string? error, bool runNow)
    {
        _insert ??= Prepare("INSERT INTO firings (key, tick_ms, fired_ms, target, outcome, error, run_now, completed_ms) VALUES ($k,$t,$f,$g,$o,$e,$r,$c) RETURNING id",
            "$k", "$t", "$f", "$g", "$o", "$e", "$r", "$c");
        Bind(_insert, key, tick.ToUnixTimeMilliseconds(), firedAt.ToUnixTimeMilliseconds(), target, outcome, (object?)error ?? DBNull.Value, runNow ? 1 : 0,
            outcome == FiringOutcome.Pending ? DBNull.Value : firedAt.ToUnixTimeMilliseconds());
        _touched.Add(key);
        return (long)_insert.ExecuteScalar()!;
    }

    public void SetOutcome(long firingId, string outcome, string? error, int attempts, DateTimeOffset? completedAt)
    {
        _update ??= Prepare("UPDATE firings SET outcome=$o, error=$e, attempts=$a, completed_ms=$c WHERE id=$i", "$i", "$o", "$e", "$a", "$c");
        Bind(_update, firingId, outcome, (object?)error ?? DBNull.Value, attempts, completedAt is { } at ? at.ToUnixTimeMilliseconds() : DBNull.Value);
        _update.ExecuteNonQuery();
    }

    /// <summary>Keeps the latest <see cref="FiringRecord.Kept"/> firings of each key recorded here (one indexed delete per key).</summary>
    public void Trim()
    {
        if (_touched.Count == 0)
        {
            return;
        }
        using var trim = Prepare("DELETE FROM firings WHERE key=$k AND id <= (SELECT id FROM firings WHERE key=$k ORDER BY id DESC LIMIT 1 OFFSET $n)", "$k", "$n");
        foreach (var key in _touched)
        {
            Bind(trim, key, FiringRecord.Kept);
            trim.ExecuteNonQuery();
        }
        _touched.Clear();
    }

    public void Dispose()
    {
        _insert?.Dispose();
        _update?.Dispose();
    }

    private SqliteCommand Prepare(string sql, params string[] names)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        command.Prepare();
        return command;
    }

    private static void Bind(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }
    }
}
