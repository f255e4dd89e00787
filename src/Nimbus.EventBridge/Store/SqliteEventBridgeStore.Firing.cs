using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Data.Sqlite;
using Nimbus.Core;
using Nimbus.EventBridge.Model;

namespace Nimbus.EventBridge.Store;

internal sealed partial class SqliteEventBridgeStore
{
    public DateTimeOffset? GetLastTick(string key)
    {
        using var connection = _database.Open();
        using var command = Command(connection, null, "SELECT tick_ms FROM ticks WHERE key=$k", [("$k", key)]);
        return command.ExecuteScalar() is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    public IReadOnlyDictionary<string, DateTimeOffset> AllLastTicks()
    {
        using var connection = _database.Open();
        using var command = Command(connection, null, "SELECT key, tick_ms FROM ticks", []);
        using var reader = command.ExecuteReader();
        var ticks = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        while (reader.Read())
        {
            ticks[reader.GetString(0)] = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1));
        }
        return ticks;
    }

    public void CommitTicks(IReadOnlyList<TickCommit> commits)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        using var firings = new FiringRows(connection, transaction);
        foreach (var commit in commits)
        {
            Run(connection, transaction, "INSERT OR REPLACE INTO ticks VALUES ($k,$t)", [("$k", commit.Key), ("$t", commit.Tick.ToUnixTimeMilliseconds())]);
            Insert(connection, transaction, commit.Deliveries, commit.Tick, firings);
            if (commit.Deliveries.Count == 0 && commit.Skipped is { } skipped)
            {
                firings.Record(commit.Key, commit.Tick, commit.Tick, skipped.Target, FiringOutcome.Skipped, skipped.Reason, runNow: false);
            }
            if (commit.DeleteSchedule is { } schedule)
            {
                DeleteScheduleRows(connection, transaction, schedule.Scope, schedule.Group, schedule.Name);
            }
        }
        firings.Trim();
        transaction.Commit();
    }

    public void Enqueue(IReadOnlyList<Delivery> deliveries)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        using var firings = new FiringRows(connection, transaction);
        Insert(connection, transaction, deliveries, null, firings);
        firings.Trim();
        transaction.Commit();
    }

    public void RecordSkipped(string key, DateTimeOffset at, SkippedTarget skipped, bool runNow)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        using var firings = new FiringRows(connection, transaction);
        firings.Record(key, at, at, skipped.Target, FiringOutcome.Skipped, skipped.Reason, runNow);
        firings.Trim();
        transaction.Commit();
    }

    public IReadOnlyList<Delivery> DueDeliveries(DateTimeOffset now, int limit)
    {
        using var connection = _database.Open();
        using var command = Command(connection, null, "SELECT id, not_before_ms, doc FROM outbox WHERE not_before_ms <= $n ORDER BY not_before_ms, id LIMIT $l",
            [("$n", now.ToUnixTimeMilliseconds()), ("$l", limit)]);
        using var reader = command.ExecuteReader();
        var due = new List<Delivery>();
        while (reader.Read())
        {
            var doc = JsonSerializer.Deserialize(reader.GetString(2), StoreJsonContext.Default.DeliveryDocument)!;
            due.Add(new Delivery
            {
                Id = reader.GetInt64(0),
                Scope = new AwsScope(doc.AccountId, doc.Region),
                FunctionArn = doc.FunctionArn,
                Payload = doc.Payload,
                Source = doc.Source,
                CreatedAt = doc.CreatedAt,
                NotBefore = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                Attempts = doc.Attempts,
                MaximumRetryAttempts = doc.MaximumRetryAttempts,
                MaximumEventAgeInSeconds = doc.MaximumEventAgeInSeconds,
                DeadLetterArn = doc.DeadLetterArn,
                FiringId = doc.FiringId,
            });
        }
        return due;
    }

    public DateTimeOffset? NextDeliveryTime()
    {
        using var connection = _database.Open();
        using var command = Command(connection, null, "SELECT MIN(not_before_ms) FROM outbox", []);
        return command.ExecuteScalar() is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    public void CompleteDeliveries(IReadOnlyList<DeliveryOutcome> outcomes)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        using var firings = new FiringRows(connection, transaction);
        foreach (var outcome in outcomes)
        {
            Run(connection, transaction, "DELETE FROM outbox WHERE id=$i", [("$i", outcome.Id)]);
            if (outcome.FiringId is { } firing)
            {
                firings.SetOutcome(firing, outcome.Outcome, outcome.Error, outcome.Attempts, outcome.At);
            }
        }
        transaction.Commit();
    }

    public void RetryDelivery(long id, int attempts, DateTimeOffset notBefore, string error)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        using var read = Command(connection, transaction, "SELECT doc FROM outbox WHERE id=$i", [("$i", id)]);
        if (read.ExecuteScalar() is string json)
        {
            var doc = JsonSerializer.Deserialize(json, StoreJsonContext.Default.DeliveryDocument)! with { Attempts = attempts };
            Run(connection, transaction, "UPDATE outbox SET not_before_ms=$t, doc=$d WHERE id=$i",
                [("$i", id), ("$t", notBefore.ToUnixTimeMilliseconds()), ("$d", JsonSerializer.Serialize(doc, StoreJsonContext.Default.DeliveryDocument))]);
            if (doc.FiringId is { } firing)
            {
                using var firings = new FiringRows(connection, transaction);
                firings.SetOutcome(firing, FiringOutcome.Retrying, error, attempts, null);
            }
        }
        transaction.Commit();
    }

    /// <summary>Queues deliveries; each one a rule or schedule produced also gets its firing row (tick: <paramref name="tick"/> or its creation).</summary>
    private static void Insert(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<Delivery> deliveries, DateTimeOffset? tick,
        FiringRows firings)
    {
        foreach (var delivery in deliveries)
        {
            long? firing = null;
            if (delivery.FiringKey is { } key)
            {
                firing = firings.Record(key, tick ?? delivery.CreatedAt, delivery.CreatedAt, delivery.FunctionArn, FiringOutcome.Pending, null, delivery.RunNow);
            }
            var doc = new DeliveryDocument(delivery.Scope.AccountId, delivery.Scope.Region, delivery.FunctionArn, delivery.Payload, delivery.Source,
                delivery.CreatedAt, delivery.Attempts, delivery.MaximumRetryAttempts, delivery.MaximumEventAgeInSeconds, delivery.DeadLetterArn, firing);
            Run(connection, transaction, "INSERT INTO outbox (not_before_ms, doc) VALUES ($t,$d)",
                [("$t", delivery.NotBefore.ToUnixTimeMilliseconds()), ("$d", JsonSerializer.Serialize(doc, StoreJsonContext.Default.DeliveryDocument))]);
        }
    }

    private T? QueryOne<T>(string sql, JsonTypeInfo<T> type, (string, object)[] parameters) where T : class =>
        QueryMany(sql, type, parameters).FirstOrDefault();

    private List<T> QueryMany<T>(string sql, JsonTypeInfo<T> type, (string, object)[] parameters)
    {
        using var connection = _database.Open();
        using var command = Command(connection, null, sql, parameters);
        using var reader = command.ExecuteReader();
        var items = new List<T>();
        while (reader.Read())
        {
            items.Add(JsonSerializer.Deserialize(reader.GetString(0), type)!);
        }
        return items;
    }

    private List<(AwsScope, T)> QueryScoped<T>(string sql, JsonTypeInfo<T> type)
    {
        using var connection = _database.Open();
        using var command = Command(connection, null, sql, []);
        using var reader = command.ExecuteReader();
        var items = new List<(AwsScope, T)>();
        while (reader.Read())
        {
            items.Add((new AwsScope(reader.GetString(0), reader.GetString(1)), JsonSerializer.Deserialize(reader.GetString(2), type)!));
        }
        return items;
    }

    private int Execute(string sql, (string, object)[] parameters)
    {
        using var connection = _database.Open();
        using var command = Command(connection, null, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private static void Run(SqliteConnection connection, SqliteTransaction? transaction, string sql, (string, object)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, (string, object)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return command;
    }
}
