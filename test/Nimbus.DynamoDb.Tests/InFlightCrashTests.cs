using System.Collections.Concurrent;
using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace Nimbus.DynamoDb.Tests;

/// <summary>
/// <c>kill -9</c> while concurrent writes are in flight (the pipelined group commit has batches committed, being
/// fsynced and being answered at that moment): every write that was answered is there after a restart, with its index
/// entry, and the table's statistics match its items — also when writes are answered once they are in the WAL, before
/// their fsync (<c>--dynamodb-durability process</c>): an answer must still never precede its commit.
/// </summary>
public sealed class InFlightCrashTests
{
    private const int Writers = 8;
    private const int Rounds = 3;
    private const int PerRound = 200;

    [Theory]
    [InlineData("fsync")]
    [InlineData("process")]
    public async Task AnsweredWrites_SurviveKill9_DuringConcurrentWrites(string durability)
    {
        var data = Path.Combine(Path.GetTempPath(), "nimbus-ddb-inflight-" + Guid.NewGuid().ToString("N")[..8]);
        var answered = new ConcurrentBag<(int Writer, int Sequence)>();
        try
        {
            // Three crashes in a row, each at a moment when every writer has a request outstanding: the chance of
            // catching an answer sent before its commit grows with each.
            for (var round = 0; round < Rounds; round++)
            {
                await using var server = await OutOfProcessServer.StartAsync(data, arguments: ["--dynamodb-durability", durability]);
                using var client = Client(server.EndpointUrl);
                if (round == 0)
                {
                    await CreateTableAsync(client);
                }
                using var stop = new CancellationTokenSource();
                var writers = Enumerable.Range(0, Writers).Select(w => WriteUntilKilledAsync(client, w, round * 100_000, answered, stop.Token)).ToList();
                var target = (round + 1) * PerRound;
                for (var waited = 0; answered.Count < target && waited < 120_000 && !writers.All(t => t.IsCompleted); waited += 20)
                {
                    await Task.Delay(20);
                }
                await server.KillAsync();
                await stop.CancelAsync();
                await Task.WhenAll(writers);
                Assert.True(answered.Count >= target, $"only {answered.Count} writes answered in round {round}");
            }
            await using (var server = await OutOfProcessServer.StartAsync(data))
            {
                using var client = Client(server.EndpointUrl);
                var items = new HashSet<(int, int)>();
                for (var w = 0; w < Writers; w++)
                {
                    foreach (var item in await QueryAllAsync(client, new QueryRequest
                    {
                        TableName = "inflight",
                        KeyConditionExpression = "pk = :p",
                        ExpressionAttributeValues = new() { [":p"] = new AttributeValue { S = "w" + w } },
                    }))
                    {
                        items.Add((w, int.Parse(item["sk"].N, CultureInfo.InvariantCulture)));
                    }
                }
                var missing = answered.Where(a => !items.Contains(a)).ToList();
                Assert.True(missing.Count == 0, $"{missing.Count} of {answered.Count} answered writes lost, e.g. {string.Join(", ", missing.Take(5))}");
                // Item, index entry and statistics of a write commit together: none is ahead of or behind the others.
                var indexed = await QueryAllAsync(client, new QueryRequest
                {
                    TableName = "inflight",
                    IndexName = "by-g",
                    KeyConditionExpression = "g = :g",
                    ExpressionAttributeValues = new() { [":g"] = new AttributeValue { S = "all" } },
                });
                Assert.Equal(items.Count, indexed.Count);
                var table = (await client.DescribeTableAsync("inflight")).Table;
                Assert.Equal(items.Count, table.ItemCount);
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static Task CreateTableAsync(AmazonDynamoDBClient client) => client.CreateTableAsync(new CreateTableRequest
    {
        TableName = "inflight",
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions = [new("pk", ScalarAttributeType.S), new("sk", ScalarAttributeType.N), new("g", ScalarAttributeType.S)],
        KeySchema = [new("pk", KeyType.HASH), new("sk", KeyType.RANGE)],
        GlobalSecondaryIndexes = [new GlobalSecondaryIndex
        {
            IndexName = "by-g",
            KeySchema = [new("g", KeyType.HASH), new("sk", KeyType.RANGE)],
            Projection = new Projection { ProjectionType = ProjectionType.KEYS_ONLY },
        }],
        StreamSpecification = new StreamSpecification { StreamEnabled = true, StreamViewType = StreamViewType.NEW_IMAGE },
    });

    private static AmazonDynamoDBClient Client(string endpoint) => new(new BasicAWSCredentials("test", "test"),
        new AmazonDynamoDBConfig { ServiceURL = endpoint, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0, Timeout = TimeSpan.FromSeconds(30) });

    /// <summary>Puts items w/first, w/first+1, … one after another, recording each one the server answered, until the server dies.</summary>
    private static async Task WriteUntilKilledAsync(AmazonDynamoDBClient client, int writer, int first, ConcurrentBag<(int, int)> answered, CancellationToken stop)
    {
        for (var sequence = first; !stop.IsCancellationRequested; sequence++)
        {
            try
            {
                await client.PutItemAsync(new PutItemRequest
                {
                    TableName = "inflight",
                    Item = new()
                    {
                        ["pk"] = new AttributeValue { S = "w" + writer },
                        ["sk"] = new AttributeValue { N = sequence.ToString(CultureInfo.InvariantCulture) },
                        ["g"] = new AttributeValue { S = "all" },
                        ["data"] = new AttributeValue { S = new string('x', 1000) },
                    },
                });
            }
            catch (Exception e) when (e is AmazonServiceException or HttpRequestException or IOException or TaskCanceledException or OperationCanceledException)
            {
                return;
            }
            answered.Add((writer, sequence));
        }
    }

    private static async Task<List<Dictionary<string, AttributeValue>>> QueryAllAsync(AmazonDynamoDBClient client, QueryRequest request)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        do
        {
            var page = await client.QueryAsync(request);
            items.AddRange(page.Items);
            request.ExclusiveStartKey = page.LastEvaluatedKey;
        }
        while (request.ExclusiveStartKey is { Count: > 0 });
        return items;
    }
}
