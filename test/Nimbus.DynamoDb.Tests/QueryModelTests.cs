using System.Globalization;
using Nimbus.Core;
using Nimbus.Core.Storage;
using Nimbus.DynamoDb.Expressions;
using Nimbus.DynamoDb.Model;
using Nimbus.DynamoDb.Service;
using Nimbus.DynamoDb.Service.Commands;
using Nimbus.DynamoDb.Store;

namespace Nimbus.DynamoDb.Tests;

/// <summary>Property tests: Query (on tables and a GSI) and Scan agree with a plain in-memory model on random items and key conditions.</summary>
public sealed class QueryModelTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "nimbus-ddb-model-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task QueryAndScan_AgreeWithAnInMemoryModel()
    {
        using var store = new SqliteDynamoStore(new SqliteDatabase(Path.Combine(_directory, "model.db")));
        var (tables, items, reads) = Services(store);
        var scope = Scope;
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

    [Fact]
    public async Task BeginsWithOnAStringSortKey_AndGsiQueries_AgreeWithAnInMemoryModel()
    {
        using var store = new SqliteDynamoStore(new SqliteDatabase(Path.Combine(_directory, "strings.db")));
        var (tables, items, reads) = Services(store);
        await tables.CreateTableAsync(Scope, new CreateTableCommand
        {
            TableName = "strings",
            BillingMode = "PAY_PER_REQUEST",
            KeySchema = [new KeySchemaElement("h", "HASH"), new KeySchemaElement("s", "RANGE")],
            AttributeDefinitions = new Dictionary<string, string> { ["h"] = "S", ["s"] = "S", ["g"] = "S", ["n"] = "N" },
            GlobalSecondaryIndexes = [new IndexSpec("by-g", [new KeySchemaElement("g", "HASH"), new KeySchemaElement("n", "RANGE")], "ALL", null, null, null)],
            HasGlobalIndexList = true,
        });
        var random = new Random(13);
        // Few letters, so prefixes are shared; U+FF5E and U+1F600 sort one way as UTF-8 (DynamoDB's order) and the
        // other as UTF-16 code units, and "é" is two bytes.
        string[] letters = ["a", "b", "é", "\uFF5E", "\U0001F600"];
        string RandomString(int max) => string.Concat(Enumerable.Range(0, random.Next(1, max + 1)).Select(_ => letters[random.Next(letters.Length)]));
        // Each item's GSI sort key n is unique, so the index order has no ties for the model to guess.
        var model = new Dictionary<(string H, string S), (string G, int N)>();
        var numbers = Enumerable.Range(0, 400).OrderBy(_ => random.Next()).ToList();
        for (var i = 0; i < 400; i++)
        {
            var key = ("h" + random.Next(3), RandomString(4));
            if (model.ContainsKey(key))
            {
                continue;
            }
            var g = "g" + random.Next(3);
            model[key] = (g, numbers[i]);
            await items.PutItemAsync(Scope, "strings", new Dictionary<string, AttributeValue>
            {
                ["h"] = AttributeValue.String(key.Item1), ["s"] = AttributeValue.String(key.Item2), ["g"] = AttributeValue.String(g), ["n"] = Num(numbers[i]),
            }, new WriteOptions());
        }
        var utf8 = Comparer<string>.Create((a, b) => System.Text.Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(System.Text.Encoding.UTF8.GetBytes(b)));
        for (var round = 0; round < 200; round++)
        {
            var forward = random.Next(2) == 0;
            var limit = random.Next(1, 30);
            List<string> expected;
            string expression;
            Dictionary<string, AttributeValue> values;
            string? index = null;
            string parameters;
            if (random.Next(2) == 0)
            {
                var h = "h" + random.Next(3);
                var prefix = RandomString(2);
                expression = "h = :h AND begins_with(s, :p)";
                values = new() { [":h"] = AttributeValue.String(h), [":p"] = AttributeValue.String(prefix) };
                expected = model.Keys.Where(k => k.H == h && k.S.StartsWith(prefix, StringComparison.Ordinal)).Select(k => k.S).Order(utf8).ToList();
                parameters = $":h={h} :p={prefix}";
            }
            else
            {
                var g = "g" + random.Next(3);
                var a = random.Next(-10, 410);
                var b = a + random.Next(0, 150);
                Func<int, bool> predicate;
                (expression, predicate) = random.Next(3) switch
                {
                    0 => ("g = :g AND n BETWEEN :a AND :b", (Func<int, bool>)(n => n >= a && n <= b)),
                    1 => ("g = :g AND n > :a", n => n > a),
                    _ => ("g = :g", _ => true),
                };
                values = new() { [":g"] = AttributeValue.String(g), [":a"] = Num(a), [":b"] = Num(b) };
                index = "by-g";
                expected = model.Where(m => m.Value.G == g && predicate(m.Value.N)).OrderBy(m => m.Value.N).Select(m => m.Key.S).ToList();
                parameters = $":g={g} :a={a} :b={b}";
            }
            var condition = ExpressionParser.ParseCondition(expression, ExpressionKind.KeyConditionExpression, new ExpressionContext(null, values));
            var got = new List<string>();
            IReadOnlyDictionary<string, AttributeValue>? start = null;
            do
            {
                var page = reads.Query(Scope, new ReadCommand { TableName = "strings", IndexName = index, KeyCondition = condition, Forward = forward, Limit = limit, ExclusiveStartKey = start });
                got.AddRange(page.Items!.Select(i => i["s"].S));
                start = page.LastEvaluatedKey;
            }
            while (start is not null);
            if (!forward)
            {
                expected.Reverse();
            }
            Assert.True(expected.SequenceEqual(got), $"{expression} on {index ?? "the table"} with {parameters}, forward: {forward}, limit: {limit}");
        }
    }

    private static AwsScope Scope { get; } = new("000000000000", "us-east-1");

    private static (TableService Tables, ItemService Items, ReadService Reads) Services(SqliteDynamoStore store)
    {
        var catalog = new TableCatalog([]);
        var meter = new DynamoDbMeter(TimeProvider.System);
        return (new TableService(store, catalog, TimeProvider.System), new ItemService(store, catalog, TimeProvider.System, new DynamoDbSettings(), meter),
            new ReadService(store, catalog, meter));
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
