using Nimbus.DynamoDb.Model;
using Nimbus.DynamoDb.Store;

namespace Nimbus.DynamoDb.Service;

/// <summary>
/// Tables written before item counts, sizes and item collection sizes were kept by every write have no statistics
/// row: they are counted once, at start-up, each in one store write.
/// </summary>
internal static class StatisticsBackfill
{
    public static void Run(IDynamoStore store, IEnumerable<TableDefinition> tables)
    {
        foreach (var table in tables.Where(t => store.Statistics(t.Id) is null))
        {
            var rows = store.Scan(new ScanRequest { TableId = table.Id }).ToList();
            store.WriteAsync(writer =>
            {
                writer.AdjustStatistics(table.Id, "", 0, 0);
                foreach (var row in rows)
                {
                    ItemAccounting.Apply(writer, table, row.Item.HashKey, null, AttributeValueWriter.ItemFromBytes(row.Item.Item), long.MaxValue);
                }
                return 0;
            }).GetAwaiter().GetResult();
        }
    }
}
