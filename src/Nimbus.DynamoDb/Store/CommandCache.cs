using Microsoft.Data.Sqlite;

namespace Nimbus.DynamoDb.Store;

/// <summary>One connection with its prepared statements kept, so a hot GetItem does not re-prepare SQL.</summary>
internal sealed class CommandCache : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public CommandCache(SqliteConnection connection)
    {
        Connection = connection;
    }

    public SqliteConnection Connection { get; }

    /// <summary>The writer's open transaction; commands must name it while one is pending.</summary>
    public SqliteTransaction? Transaction { get; set; }

    public SqliteCommand Get(string sql, params string[] parameters)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }
            command.Prepare();
            _commands[sql] = command;
        }
        command.Transaction = Transaction;
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }
        Connection.Dispose();
    }
}
