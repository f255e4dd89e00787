using Nimbus.CloudWatch.Logs.Model;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Logs.Store;

internal sealed partial class SqliteLogStore
{
    private const string GroupColumns = "name, creation_time, retention_days, stored_bytes, log_group_class";

    public Task<bool> CreateGroupAsync(AwsScope scope, string name, long creationTime, string logGroupClass, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO log_groups (account_id, region, name, creation_time, log_group_class)
            VALUES ($a, $r, $n, $t, $c) ON CONFLICT DO NOTHING
            """;
        command.Parameters.AddWithValue("$a", scope.AccountId);
        command.Parameters.AddWithValue("$r", scope.Region);
        command.Parameters.AddWithValue("$n", name);
        command.Parameters.AddWithValue("$t", creationTime);
        command.Parameters.AddWithValue("$c", logGroupClass);
        return Task.FromResult(command.ExecuteNonQuery() == 1);
    }

    public Task<bool> DeleteGroupAsync(AwsScope scope, string name, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM log_groups WHERE account_id = $a AND region = $r AND name = $n";
        command.Parameters.AddWithValue("$a", scope.AccountId);
        command.Parameters.AddWithValue("$r", scope.Region);
        command.Parameters.AddWithValue("$n", name);
        return Task.FromResult(command.ExecuteNonQuery() == 1);
    }

    public Task<bool> SetRetentionAsync(AwsScope scope, string name, int? retentionInDays, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE log_groups SET retention_days = $d WHERE account_id = $a AND region = $r AND name = $n";
        command.Parameters.AddWithValue("$d", (object?)retentionInDays ?? DBNull.Value);
        command.Parameters.AddWithValue("$a", scope.AccountId);
        command.Parameters.AddWithValue("$r", scope.Region);
        command.Parameters.AddWithValue("$n", name);
        return Task.FromResult(command.ExecuteNonQuery() == 1);
    }

    public Task<LogGroup?> GetGroupAsync(AwsScope scope, string name, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {GroupColumns} FROM log_groups WHERE account_id = $a AND region = $r AND name = $n";
        command.Parameters.AddWithValue("$a", scope.AccountId);
        command.Parameters.AddWithValue("$r", scope.Region);
        command.Parameters.AddWithValue("$n", name);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? ReadGroup(reader) : null);
    }

    public Task<IReadOnlyList<LogGroup>> ListGroupsAsync(AwsScope scope, GroupQuery query, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        // substr/instr compare bytes exactly: prefixes and patterns are case-sensitive, as on AWS.
        command.CommandText = $"""
            SELECT {GroupColumns} FROM log_groups
            WHERE account_id = $a AND region = $r
              AND ($prefix IS NULL OR substr(name, 1, length($prefix)) = $prefix)
              AND ($pattern IS NULL OR instr(name, $pattern) > 0)
              AND ($after IS NULL OR name > $after)
              AND ($class IS NULL OR log_group_class = $class)
            ORDER BY name LIMIT $limit
            """;
        command.Parameters.AddWithValue("$a", scope.AccountId);
        command.Parameters.AddWithValue("$r", scope.Region);
        command.Parameters.AddWithValue("$prefix", (object?)query.NamePrefix ?? DBNull.Value);
        command.Parameters.AddWithValue("$pattern", (object?)query.NamePattern ?? DBNull.Value);
        command.Parameters.AddWithValue("$after", (object?)query.AfterName ?? DBNull.Value);
        command.Parameters.AddWithValue("$class", (object?)query.GroupClass ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", query.Limit);
        using var reader = command.ExecuteReader();
        var groups = new List<LogGroup>();
        while (reader.Read())
        {
            groups.Add(ReadGroup(reader));
        }
        return Task.FromResult<IReadOnlyList<LogGroup>>(groups);
    }

    private static LogGroup ReadGroup(Microsoft.Data.Sqlite.SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetInt64(1),
        reader.IsDBNull(2) ? null : reader.GetInt32(2),
        reader.GetInt64(3),
        reader.GetString(4));
}
