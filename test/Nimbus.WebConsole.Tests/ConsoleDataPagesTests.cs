using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Nimbus.WebConsole.Tests;

/// <summary>The S3, DynamoDB and API Gateway pages, checked against what boto3 sees before and after clicking.</summary>
public sealed class ConsoleDataPagesTests : IClassFixture<ConsoleFixture>
{
    private readonly ConsoleFixture _console;

    public ConsoleDataPagesTests(ConsoleFixture console)
    {
        _console = console;
    }

    [Fact]
    public async Task S3_BrowsesFolders_UploadsShowsMetadataDownloadsAndDeletes()
    {
        await _console.Server.Boto3.RunAsync($$"""
            s3 = client("s3")
            s3.create_bucket(Bucket="console-photos")
            s3.put_object(Bucket="console-photos", Key="photos/cat.txt", Body=b"meow", Metadata={"owner": "ada"}, ContentType="text/plain")
            s3.put_object(Bucket="console-photos", Key="readme.txt", Body=b"hello")
            print("{}")
            """);
        var page = await _console.OpenAsync("#/s3");
        await page.GetByRole(AriaRole.Link, new() { Name = "console-photos" }).ClickAsync();
        await page.Locator("tr[data-prefix='photos/'] a").ClickAsync();
        var cat = page.Locator("tr[data-key='photos/cat.txt']");
        await Expect(cat.Locator("td").Nth(1)).ToHaveTextAsync("4");

        await cat.GetByRole(AriaRole.Link, new() { Name = "cat.txt" }).ClickAsync();
        await Expect(page.GetByLabel("Object metadata")).ToContainTextAsync("x-amz-meta-owner");
        await Expect(page.GetByLabel("Object metadata")).ToContainTextAsync("ada");

        var href = await cat.GetByRole(AriaRole.Link, new() { Name = "Download" }).GetAttributeAsync("href");
        var download = await page.APIRequest.GetAsync(_console.Server.EndpointUrl + href);
        Assert.Equal("meow", await download.TextAsync());

        await page.GetByLabel("File to upload").SetInputFilesAsync(new FilePayload { Name = "dog.txt", MimeType = "text/plain", Buffer = "woof!"u8.ToArray() });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();
        await Expect(page.Locator("tr[data-key='photos/dog.txt'] td").Nth(1)).ToHaveTextAsync("5");
        await ConsoleFixture.ScreenshotAsync(page, "s3");

        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await cat.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(cat).ToHaveCountAsync(0);

        var state = await _console.Server.Boto3.RunAsync("""
            s3 = client("s3")
            dog = s3.get_object(Bucket="console-photos", Key="photos/dog.txt")
            print(json.dumps({"dog": dog["Body"].read().decode(), "type": dog["ContentType"],
                              "cat": error_of(lambda: s3.head_object(Bucket="console-photos", Key="photos/cat.txt"))}))
            """);
        Assert.Equal("woof!", state.GetProperty("dog").GetString());
        Assert.Equal("text/plain", state.GetProperty("type").GetString());
        Assert.Equal(404, state.GetProperty("cat").GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task DynamoDb_ScansQueriesAndSavesAnEditedItem()
    {
        await _console.Server.Boto3.RunAsync("""
            ddb = client("dynamodb")
            ddb.create_table(TableName="console-orders", BillingMode="PAY_PER_REQUEST",
                AttributeDefinitions=[{"AttributeName": "customer", "AttributeType": "S"}, {"AttributeName": "order", "AttributeType": "N"}],
                KeySchema=[{"AttributeName": "customer", "KeyType": "HASH"}, {"AttributeName": "order", "KeyType": "RANGE"}])
            for customer, order in [("ada", 1), ("ada", 2), ("bob", 1)]:
                ddb.put_item(TableName="console-orders", Item={"customer": {"S": customer}, "order": {"N": str(order)}, "total": {"N": "10"}})
            print("{}")
            """);
        var page = await _console.OpenAsync("#/dynamodb");
        await Expect(page.Locator("tr[data-table='console-orders'] td").Nth(2)).ToHaveTextAsync("3");
        await page.GetByRole(AriaRole.Link, new() { Name = "console-orders" }).ClickAsync();
        var rows = page.Locator("tr[data-item]");
        await Expect(rows).ToHaveCountAsync(3);

        await page.GetByLabel("Partition key value").FillAsync("ada");
        await page.GetByRole(AriaRole.Button, new() { Name = "Query" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(2);

        await rows.First.GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        var edited = JsonDocument.Parse(await page.GetByLabel("Item JSON").InputValueAsync()).RootElement;
        Assert.Equal("ada", edited.GetProperty("customer").GetProperty("S").GetString());
        await page.GetByLabel("Item JSON").FillAsync("""{"customer": {"S": "ada"}, "order": {"N": "1"}, "total": {"N": "99"}, "note": {"S": "edited"}}""");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save item" }).ClickAsync();
        await Expect(page.Locator("tr[data-item]", new() { HasText = "edited" })).ToHaveCountAsync(1);
        await ConsoleFixture.ScreenshotAsync(page, "dynamodb");

        await page.GetByLabel("Item JSON").FillAsync("{\"customer\": ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save item" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not valid JSON");

        var item = await _console.Server.Boto3.RunAsync("""
            ddb = client("dynamodb")
            print(json.dumps(ddb.get_item(TableName="console-orders", Key={"customer": {"S": "ada"}, "order": {"N": "1"}})["Item"]))
            """);
        Assert.Equal("99", item.GetProperty("total").GetProperty("N").GetString());
        Assert.Equal("edited", item.GetProperty("note").GetProperty("S").GetString());
    }

    [Fact]
    public async Task ApiGateway_ShowsRoutesIntegrationsAndTheirInvokeUrls()
    {
        var created = await _console.Server.Boto3.RunAsync($$"""
            api = client("apigatewayv2").create_api(Name="console-api", ProtocolType="HTTP",
                Target="arn:aws:lambda:us-east-1:000000000000:function:{{ConsoleFixture.FunctionName}}")
            print(json.dumps({"id": api["ApiId"]}))
            """);
        var apiId = created.GetProperty("id").GetString()!;
        var page = await _console.OpenAsync("#/apigateway");
        await page.GetByRole(AriaRole.Link, new() { Name = "console-api" }).ClickAsync();
        var route = page.Locator("tr[data-route='$default']");
        await Expect(route).ToContainTextAsync("AWS_PROXY");
        await Expect(route.GetByTestId("invoke-url")).ToContainTextAsync($"{apiId}.execute-api.localhost");
        await Expect(route).ToContainTextAsync($"/_aws/execute-api/{apiId}");
        await ConsoleFixture.ScreenshotAsync(page, "apigateway");
    }
}
