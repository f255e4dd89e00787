using System.Collections.Concurrent;
using Nimbus.Core;
using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.Service;

/// <summary>
/// The table definitions in memory (loaded from the store at start-up), so an item call does not read metadata
/// from SQLite. Changed only after the store has committed the change.
/// </summary>
internal sealed class TableCatalog
{
    private readonly ConcurrentDictionary<string, TableDefinition> _tables = new(StringComparer.Ordinal);

    public TableCatalog(IEnumerable<TableDefinition> tables)
    {
        foreach (var table in tables)
        {
            Set(table);
        }
    }

    public TableDefinition? Find(AwsScope scope, string name) => _tables.GetValueOrDefault(KeyOf(scope.AccountId, scope.Region, name));

    /// <summary>A table by name or ARN (DynamoDB accepts either in TableName since 2024).</summary>
    public TableDefinition Get(AwsScope scope, string nameOrArn) =>
        Find(scope, NameOf(nameOrArn)) ?? throw DynamoDbErrors.TableNotFound(NameOf(nameOrArn));

    /// <summary>The table name in a TableName member, which may be the table's ARN.</summary>
    public static string NameOf(string nameOrArn) =>
        nameOrArn.StartsWith("arn:", StringComparison.Ordinal) && nameOrArn.IndexOf(":table/", StringComparison.Ordinal) is var at and > 0
            ? nameOrArn[(at + 7)..].Split('/')[0]
            : nameOrArn;

    public IEnumerable<TableDefinition> List(AwsScope scope) =>
        _tables.Values.Where(t => t.AccountId == scope.AccountId && t.Region == scope.Region).OrderBy(t => t.Name, StringComparer.Ordinal);

    public IEnumerable<TableDefinition> All => _tables.Values;

    public void Set(TableDefinition table) => _tables[KeyOf(table.AccountId, table.Region, table.Name)] = table;

    public void Remove(TableDefinition table) => _tables.TryRemove(KeyOf(table.AccountId, table.Region, table.Name), out _);

    private static string KeyOf(string account, string region, string name) => $"{account}/{region}/{name}";
}
