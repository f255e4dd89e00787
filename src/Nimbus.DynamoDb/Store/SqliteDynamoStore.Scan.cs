using System.Text;

namespace Nimbus.DynamoDb.Store;

internal sealed partial class SqliteDynamoStore
{
    /// <summary>
    /// Streams rows of a Query or Scan in key order. The SQL varies only with which bounds are present, so the
    /// prepared statements stay few and cached per connection.
    /// </summary>
    public IEnumerable<ScannedItem> Scan(ScanRequest request)
    {
        var index = request.Index is not null;
        var (select, hashColumn, order) = index
            ? ("SELECT i.hk, i.rk, t.item, i.irk FROM ddb_index i JOIN ddb_items t ON t.tid = i.tid AND t.hk = i.hk AND t.rk = i.rk WHERE i.tid = $p0 AND i.idx = $p1",
               "i.ihk", request.HashKey is null ? new[] { "i.ihk", "i.irk", "i.hk", "i.rk" } : ["i.irk", "i.hk", "i.rk"])
            : ("SELECT hk, rk, item, NULL FROM ddb_items WHERE tid = $p0 AND $p1 IS NOT NULL",
               "hk", request.HashKey is null ? new[] { "hk", "rk" } : ["rk"]);
        var values = new List<object> { request.TableId, request.Index ?? "" };
        var sql = new StringBuilder(select);
        if (request.HashKey is not null)
        {
            sql.Append($" AND {hashColumn} = $p{values.Count}");
            values.Add(request.HashKey);
            var rangeColumn = order[0];
            if (request.Bounds.Low is not null)
            {
                sql.Append($" AND {rangeColumn} {(request.Bounds.LowInclusive ? ">=" : ">")} $p{values.Count}");
                values.Add(request.Bounds.Low);
            }
            if (request.Bounds.High is not null)
            {
                sql.Append($" AND {rangeColumn} {(request.Bounds.HighInclusive ? "<=" : "<")} $p{values.Count}");
                values.Add(request.Bounds.High);
            }
        }
        if (request.StartAfter is { } start)
        {
            var names = Enumerable.Range(values.Count, start.Length).Select(i => $"$p{i}");
            sql.Append($" AND ({string.Join(", ", order)}) {(request.Forward ? ">" : "<")} ({string.Join(", ", names)})");
            values.AddRange(start);
        }
        var direction = request.Forward ? "" : " DESC";
        sql.Append(" ORDER BY ").Append(string.Join(", ", order.Select(c => c + direction)));
        return Read(sql.ToString(), values);
    }

    private IEnumerable<ScannedItem> Read(string sql, List<object> values)
    {
        using var lease = Lease();
        var command = lease.Cache.Get(sql, values.Select((_, i) => $"$p{i}").ToArray());
        for (var i = 0; i < values.Count; i++)
        {
            command.Parameters[i].Value = values[i];
        }
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var item = new StoredItem((byte[])reader.GetValue(0), (byte[])reader.GetValue(1), (byte[])reader.GetValue(2));
            yield return new ScannedItem(item, reader.IsDBNull(3) ? null : (byte[])reader.GetValue(3));
        }
    }
}
