using System.Globalization;
using Nimbus.Core;
using Nimbus.Core.Storage;
using Nimbus.DynamoDb.Expressions;
using Nimbus.DynamoDb.Model;
using Nimbus.DynamoDb.Service;
using Nimbus.DynamoDb.Service.Commands;
using Nimbus.DynamoDb.Store;

namespace Nimbus.DynamoDb.Tests;

/// <summary>Property test: Query and Scan agree with a plain in-memory model on random items and key conditions.</summary>
public sealed class QueryModelTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "nimbus-ddb-model-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task QueryAndScan_AgreeWithAnInMemoryModel()
    {
        using var store = new SqliteDynamoStore(new SqliteDatabase(Path.Combine(_directory, "model.db")));
        var catalog = new TableCatalog([]);
        var tables = new TableService(store, catalog, TimeProvider.System);
        var meter = new DynamoDbMeter(TimeProvider.System);
        var items = new ItemService(store, catalog, TimeProvider.System, new DynamoDbSettings(), meter);
        var reads = new ReadService(store, catalog, meter);
        var scope = new AwsScope("000000000000", "us-east-1");
        await tables.CreateTableAsync(scope, new CreateTableCommand
        {
            TableName = "model",
            BillingMode = "PAY_PER_REQUEST",
            KeySchema = [new KeySchemaElement("h", "HASH"), new KeySchemaElement("r", "RANGE")],
            AttributeDefinitions = new Dictionary<string, string> { ["h"] = "S", ["r"] = "N" },
        });
        var random = new Random(7);
        var model = new Dictionary<(string, decimal), decimal>();
        for (var i = 0; i < 300; i++)
        {
            var h = "h" + random.Next(4);
            var r = Math.Round((decimal)(random.NextDouble() * 200 - 100), random.Next(0, 4));
            model[(h, r)] = r;
            await items.PutItemAsync(scope, "model", new Dictionary<string, AttributeValue> { ["h"] = AttributeValue.String(h), ["r"] = Num(r) }, new WriteOptions());
        }
        for (var round = 0; round < 200; round++)
        {
            var h = "h" + random.Next(4);
            var a = Math.Round((decimal)(random.NextDouble() * 240 - 120), 1);
            var b = a + Math.Round((decimal)(random.NextDouble() * 80), 1);
            var (expression, predicate) = random.Next(6) switch
            {
                0 => ("h = :h AND r < :a", (Func<decimal, bool>)(r => r < a)),
                1 => ("h = :h AND r <= :a", r => r <= a),
                2 => ("h = :h AND r > :a", r => r > a),
                3 => ("h = :h AND r >= :a", r => r >= a),
                4 => ("h = :h AND r BETWEEN :a AND :b", r => r >= a && r <= b),
                _ => ("h = :h AND r = :a", r => r == a),
            };
            var values = new Dictionary<string, AttributeValue> { [":h"] = AttributeValue.String(h), [":a"] = Num(a), [":b"] = Num(b) };
            var condition = ExpressionParser.ParseCondition(expression, ExpressionKind.KeyConditionExpression, new ExpressionContext(null, values));
            var forward = random.Next(2) == 0;
            var limit = random.Next(1, 40);
            var got = new List<decimal>();
            IReadOnlyDictionary<string, AttributeValue>? start = null;
            do
            {
                var page = reads.Query(scope, new ReadCommand { TableName = "model", KeyCondition = condition, Forward = forward, Limit = limit, ExclusiveStartKey = start });
                got.AddRange(page.Items!.Select(i => decimal.Parse(i["r"].N.ToString(), CultureInfo.InvariantCulture)));
                start = page.LastEvaluatedKey;
            }
            while (start is not null);
            var expected = model.Keys.Where(k => k.Item1 == h && predicate(k.Item2)).Select(k => k.Item2).OrderBy(r => r).ToList();
            if (!forward)
            {
                expected.Reverse();
            }
            Assert.Equal(expected, got);
        }
        var scanned = new List<(string, decimal)>();
        for (var segment = 0; segment < 3; segment++)
        {
            IReadOnlyDictionary<string, AttributeValue>? start = null;
            do
            {
                var page = reads.Scan(scope, new ReadCommand { TableName = "model", Segment = segment, TotalSegments = 3, Limit = 17, ExclusiveStartKey = start });
                scanned.AddRange(page.Items!.Select(i => (i["h"].S, decimal.Parse(i["r"].N.ToString(), CultureInfo.InvariantCulture))));
                start = page.LastEvaluatedKey;
            }
            while (start is not null);
        }
        Assert.Equal(model.Keys.OrderBy(k => k).ToList(), scanned.OrderBy(k => k).ToList());
    }

    private static AttributeValue Num(decimal value) => AttributeValue.Number(DynamoNumber.TryParse(value.ToString(CultureInfo.InvariantCulture))!.Value);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
