namespace Nimbus.DynamoDb.Tests;

/// <summary>The AWS CLI (v1) against DynamoDB: table lifecycle, items, queries and an error.</summary>
public sealed class AwsCliTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    [Fact]
    public async Task Cli_CreatesWaitsWritesQueriesAndDeletes()
    {
        var cli = server.Cli;
        var created = await cli.JsonAsync("dynamodb", "create-table", "--table-name", "cli-table",
            "--attribute-definitions", "AttributeName=pk,AttributeType=S", "AttributeName=sk,AttributeType=S",
            "--key-schema", "AttributeName=pk,KeyType=HASH", "AttributeName=sk,KeyType=RANGE", "--billing-mode", "PAY_PER_REQUEST");
        Assert.Equal("CREATING", created.GetProperty("TableDescription").GetProperty("TableStatus").GetString());
        await cli.JsonAsync("dynamodb", "wait", "table-exists", "--table-name", "cli-table");
        foreach (var sk in new[] { "b#2", "a#1", "b#1" })
        {
            await cli.JsonAsync("dynamodb", "put-item", "--table-name", "cli-table", "--item", $"{{\"pk\":{{\"S\":\"u1\"}},\"sk\":{{\"S\":\"{sk}\"}}}}");
        }
        var query = await cli.JsonAsync("dynamodb", "query", "--table-name", "cli-table", "--key-condition-expression", "pk = :p AND begins_with(sk, :b)",
            "--expression-attribute-values", "{\":p\":{\"S\":\"u1\"},\":b\":{\"S\":\"b#\"}}");
        Assert.Equal(["b#1", "b#2"], query.GetProperty("Items").EnumerateArray().Select(i => i.GetProperty("sk").GetProperty("S").GetString()!).ToArray());
        var tables = await cli.JsonAsync("dynamodb", "list-tables");
        Assert.Contains("cli-table", tables.GetProperty("TableNames").EnumerateArray().Select(t => t.GetString()));
        var message = await cli.FailsWithAsync("ValidationException", "dynamodb", "query", "--table-name", "cli-table",
            "--key-condition-expression", "sk = :b", "--expression-attribute-values", "{\":b\":{\"S\":\"b#\"}}");
        Assert.Contains("Query condition missed key schema element: pk", message);
        await cli.JsonAsync("dynamodb", "delete-table", "--table-name", "cli-table");
        await cli.FailsWithAsync("ResourceNotFoundException", "dynamodb", "describe-table", "--table-name", "cli-table");
    }
}
