using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.DocumentModel;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace Nimbus.DynamoDb.Tests;

/// <summary>AWSSDK.DynamoDBv2: the low-level client, the Document model and the Object Persistence model.</summary>
public sealed class DotNetSdkTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    private AmazonDynamoDBClient Client() => ClientFor(server);

    /// <summary>A low-level client for a test server, without retries (an error must surface at once).</summary>
    internal static AmazonDynamoDBClient ClientFor(NimbusServerFixture server) => new(new BasicAWSCredentials("test", "test"),
        new AmazonDynamoDBConfig { ServiceURL = server.EndpointUrl, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });

    private static async Task CreateAsync(AmazonDynamoDBClient client, string name, bool range = true)
    {
        var request = new CreateTableRequest
        {
            TableName = name,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new AttributeDefinition("Id", ScalarAttributeType.S)],
            KeySchema = [new KeySchemaElement("Id", KeyType.HASH)],
        };
        if (range)
        {
            request.AttributeDefinitions.Add(new AttributeDefinition("Version", ScalarAttributeType.N));
            request.KeySchema.Add(new KeySchemaElement("Version", KeyType.RANGE));
        }
        await client.CreateTableAsync(request);
    }

    [Fact]
    public async Task LowLevelClient_PutQueryAndConditionFailure()
    {
        using var client = Client();
        await CreateAsync(client, "sdk-low");
        for (var i = 1; i <= 3; i++)
        {
            await client.PutItemAsync("sdk-low", new Dictionary<string, AttributeValue>
            {
                ["Id"] = new() { S = "x" }, ["Version"] = new() { N = i.ToString(System.Globalization.CultureInfo.InvariantCulture) }, ["Data"] = new() { M = new() { ["k"] = new() { BOOL = true } } },
            });
        }
        var query = await client.QueryAsync(new QueryRequest
        {
            TableName = "sdk-low",
            KeyConditionExpression = "Id = :id AND Version >= :v",
            ExpressionAttributeValues = new() { [":id"] = new() { S = "x" }, [":v"] = new() { N = "2" } },
            ScanIndexForward = false,
        });
        Assert.Equal(["3", "2"], query.Items.Select(i => i["Version"].N));
        Assert.True(query.Items[0]["Data"].M["k"].BOOL);

        var failure = await Assert.ThrowsAsync<ConditionalCheckFailedException>(() => client.PutItemAsync(new PutItemRequest
        {
            TableName = "sdk-low",
            Item = new() { ["Id"] = new() { S = "x" }, ["Version"] = new() { N = "1" } },
            ConditionExpression = "attribute_not_exists(Id)",
        }));
        Assert.Equal("The conditional request failed", failure.Message);
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => client.DescribeTableAsync("sdk-missing"));
    }

    [Fact]
    public async Task DocumentModel_TableAndDocument()
    {
        using var client = Client();
        await CreateAsync(client, "sdk-doc");
        var table = new TableBuilder(client, "sdk-doc").AddHashKey("Id", DynamoDBEntryType.String).AddRangeKey("Version", DynamoDBEntryType.Numeric).Build();
        var document = new Document { ["Id"] = "d1", ["Version"] = 1, ["Title"] = "first", ["Tags"] = new PrimitiveList { Entries = [new Primitive("a"), new Primitive("b")] } };
        await table.PutItemAsync(document);
        var update = new Document { ["Id"] = "d1", ["Version"] = 1, ["Title"] = "second" };
        await table.UpdateItemAsync(update);
        var loaded = await table.GetItemAsync("d1", 1);
        Assert.Equal("second", loaded["Title"].AsString());
        Assert.Equal(2, loaded["Tags"].AsListOfString().Count);

        var search = table.Query("d1", new QueryFilter("Version", QueryOperator.GreaterThanOrEqual, 1));
        var found = await search.GetNextSetAsync();
        Assert.Single(found);
        await table.DeleteItemAsync("d1", 1);
        Assert.Null(await table.GetItemAsync("d1", 1));
    }

    [DynamoDBTable("sdk-books")]
    public sealed class Book
    {
        [DynamoDBHashKey]
        public string Id { get; set; } = "";

        [DynamoDBRangeKey]
        public int Version { get; set; }

        public string Title { get; set; } = "";

        public List<string> Authors { get; set; } = [];

        [DynamoDBProperty("price")]
        public decimal Price { get; set; }
    }

    [Fact]
    public async Task ObjectPersistence_SaveLoadQueryDelete()
    {
        using var client = Client();
        await CreateAsync(client, "sdk-books");
        var context = new DynamoDBContextBuilder().WithDynamoDBClient(() => client).Build();
        await context.SaveAsync(new Book { Id = "b1", Version = 1, Title = "Dune", Authors = ["Herbert"], Price = 9.99m });
        await context.SaveAsync(new Book { Id = "b1", Version = 2, Title = "Dune II", Authors = ["Herbert"], Price = 12.5m });
        var loaded = await context.LoadAsync<Book>("b1", 2);
        Assert.Equal("Dune II", loaded.Title);
        Assert.Equal(12.5m, loaded.Price);
        var all = await context.QueryAsync<Book>("b1").GetRemainingAsync();
        Assert.Equal([1, 2], all.Select(b => b.Version));
        var later = await context.QueryAsync<Book>("b1", QueryOperator.GreaterThan, [1]).GetRemainingAsync();
        Assert.Equal(["Dune II"], later.Select(b => b.Title));
        await context.DeleteAsync<Book>("b1", 1);
        Assert.Null(await context.LoadAsync<Book>("b1", 1));
    }
}
