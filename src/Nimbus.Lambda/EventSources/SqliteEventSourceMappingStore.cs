using System.Text.Json;
using Microsoft.Data.Sqlite;
using Nimbus.Core.Storage;

namespace Nimbus.Lambda.EventSources;

/// <summary>
/// Mappings (one JSON document each) and checkpoints in the Lambda database. The checkpoint is written with
/// <c>synchronous=FULL</c> after each successful batch, so a restart (even after <c>kill -9</c>) resumes where the
/// last acknowledged batch ended.
/// </summary>
internal sealed class SqliteEventSourceMappingStore : IEventSourceMappingStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS event_source_mappings (
            uuid TEXT PRIMARY KEY,
            document TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS event_source_checkpoints (
            uuid TEXT PRIMARY KEY,
            sequence_number TEXT
        );
        """;

    private readonly SqliteDatabase _database;

    public SqliteEventSourceMappingStore(SqliteDatabase database)
    {
        _database = database;
        _database.EnsureSchema(Schema);
    }

    public IReadOnlyList<EventSourceMapping> LoadAll()
    {
        var result = new List<EventSourceMapping>();
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT document FROM event_source_mappings ORDER BY uuid";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(JsonSerializer.Deserialize(reader.GetString(0), EventSourceStoreJsonContext.Default.EventSourceMapping)!);
        }
        return result;
    }

    public void Insert(EventSourceMapping mapping, string? checkpoint)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        Run(connection, transaction, "INSERT INTO event_source_mappings (uuid, document) VALUES ($id, $doc)", mapping.Uuid, Serialize(mapping));
        Run(connection, transaction, "INSERT OR REPLACE INTO event_source_checkpoints (uuid, sequence_number) VALUES ($id, $doc)", mapping.Uuid, checkpoint);
        transaction.Commit();
    }

    public void Update(EventSourceMapping mapping)
    {
        using var connection = _database.Open();
        Run(connection, null, "UPDATE event_source_mappings SET document = $doc WHERE uuid = $id", mapping.Uuid, Serialize(mapping));
    }

    public void Delete(string uuid)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        Run(connection, transaction, "DELETE FROM event_source_mappings WHERE uuid = $id", uuid, null);
        Run(connection, transaction, "DELETE FROM event_source_checkpoints WHERE uuid = $id", uuid, null);
        transaction.Commit();
    }

    public string? GetCheckpoint(string uuid)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence_number FROM event_source_checkpoints WHERE uuid = $id";
        command.Parameters.AddWithValue("$id", uuid);
        return command.ExecuteScalar() as string;
    }

    public void SaveCheckpoint(string uuid, string sequenceNumber)
    {
        using var connection = _database.Open();
        Run(connection, null, "INSERT OR REPLACE INTO event_source_checkpoints (uuid, sequence_number) VALUES ($id, $doc)", uuid, sequenceNumber);
    }

    private static string Serialize(EventSourceMapping mapping) =>
        JsonSerializer.Serialize(mapping, EventSourceStoreJsonContext.Default.EventSourceMapping);

    private static void Run(SqliteConnection connection, SqliteTransaction? transaction, string sql, string uuid, string? value)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", uuid);
        command.Parameters.AddWithValue("$doc", (object?)value ?? DBNull.Value);
        command.ExecuteNonQuery();
    }
}
