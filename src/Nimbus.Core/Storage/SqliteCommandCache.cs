using Microsoft.Data.Sqlite;

namespace Nimbus.Core.Storage;

/// <summary>
/// One connection with its prepared statements kept, so a hot read or write binds and steps a statement instead of
/// parsing its SQL again. Not thread-safe: one user at a time (a <see cref="SqliteGroupCommit"/> writer, or a reader
/// leased from a <see cref="SqliteReaderPool"/>).
/// </summary>
public sealed class SqliteCommandCache : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SqliteRawStatement> _statements = new(StringComparer.Ordinal);

    public SqliteCommandCache(SqliteConnection connection)
    {
        Connection = connection;
    }

    public SqliteConnection Connection { get; }

    /// <summary>The writer's open transaction; commands must name it while one is pending.</summary>
    public SqliteTransaction? Transaction { get; set; }

    /// <summary>The prepared statement for <paramref name="sql"/>, its parameters named in order (values set by index).</summary>
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

    /// <summary>The prepared statement for <paramref name="sql"/> with <paramref name="values"/> bound by name (null binds NULL).</summary>
    public SqliteCommand Bind(string sql, params ReadOnlySpan<(string Name, object? Value)> values)
    {
        if (!_commands.ContainsKey(sql))
        {
            var names = new string[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                names[i] = values[i].Name;
            }
            Get(sql, names);
        }
        var command = Get(sql);
        var parameters = command.Parameters;
        for (var i = 0; i < values.Length; i++)
        {
            var (name, value) = values[i];
            // Callers of one statement normally name its parameters in one order: by index then, by name otherwise.
            var parameter = i < parameters.Count && parameters[i].ParameterName == name ? parameters[i]
                : parameters.IndexOf(name) is var at and >= 0 ? parameters[at]
                : parameters.Add(new SqliteParameter { ParameterName = name });
            parameter.Value = value ?? DBNull.Value;
        }
        return command;
    }

    /// <summary>
    /// The raw prepared statement for <paramref name="sql"/> (parameters bound by position), for the hottest
    /// statements. It runs in whatever transaction the connection has open, and must be reset after each use.
    /// </summary>
    public SqliteRawStatement Raw(string sql)
    {
        if (!_statements.TryGetValue(sql, out var statement))
        {
            statement = new SqliteRawStatement(Connection, sql);
            _statements[sql] = statement;
        }
        return statement;
    }

    public void Dispose()
    {
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }
        Connection.Dispose();
    }
}
