using System.Net;
using System.Text;
using System.Text.Json;
using Nimbus.EndToEnd.Tests.Infrastructure;

namespace Nimbus.EndToEnd.Tests;

/// <summary>
/// The three applications under examples/, as a new user runs them: each deployed to a fresh Nimbus by its own
/// deploy.sh (AWS CLI only), driven with real clients, checked in S3, DynamoDB, the scheduler and the cost report,
/// then removed by its remove.sh. One test, because each phase needs the previous one's state.
/// </summary>
public sealed class ExamplesTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    private static readonly string[] Functions = ["thumbnail", "thumbnail-report", "items-api"];

    private readonly ExampleScripts _examples = new(server.EndpointUrl);

    [Fact]
    public async Task Examples_DeployedByTheirScripts_Work_ShowInTheCostReport_AndAreRemovedByTheirScripts()
    {
        await _examples.RunAsync("thumbnail", "deploy.sh");
        var reportDeploy = await _examples.RunAsync("hourly-report", "deploy.sh");
        Assert.Contains("run-now.sh", reportDeploy); // deploy scripts say how to use what they deployed
        var itemsDeploy = await _examples.RunAsync("items-api", "deploy.sh");
        Assert.Contains($"{server.EndpointUrl}/items-web/index.html", itemsDeploy);

        await ThumbnailsAsync();
        await HourlyReportAsync();
        await ItemsApiAsync();
        await CostReportListsTheFunctionsAsync();
        await RemovedAsync();
    }

    private async Task ThumbnailsAsync()
    {
        var directory = Directory.CreateTempSubdirectory("nimbus-examples-").FullName;
        try
        {
            await File.WriteAllBytesAsync(Path.Combine(directory, "wide.png"), Png.Gradient(640, 480));
            await File.WriteAllBytesAsync(Path.Combine(directory, "tall.png"), Png.Gradient(300, 600));
            var found = await server.Boto3.RunAsync(ExampleDrivers.Thumbnails.Replace("IMAGES", JsonSerializer.Serialize(directory), StringComparison.Ordinal),
                TimeSpan.FromMinutes(5));
            Assert.Equal((128, 96), Png.Size(Convert.FromBase64String(found.GetProperty("wide.png").GetString()!)));
            Assert.Equal((128, 256), Png.Size(Convert.FromBase64String(found.GetProperty("tall.png").GetString()!)));
            var rows = found.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("key").GetProperty("S").GetString()!);
            Assert.Equal(["uploads/tall.png", "uploads/wide.png"], rows.Keys.Order());
            var wide = rows["uploads/wide.png"];
            Assert.Equal(new FileInfo(Path.Combine(directory, "wide.png")).Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
                wide.GetProperty("size").GetProperty("N").GetString());
            Assert.Equal("640", wide.GetProperty("width").GetProperty("N").GetString());
            Assert.Equal("480", wide.GetProperty("height").GetProperty("N").GetString());
            Assert.Equal("image/png", wide.GetProperty("contentType").GetProperty("S").GetString());
            Assert.Equal("photos", wide.GetProperty("bucket").GetProperty("S").GetString());
            var uploadedAt = DateTimeOffset.Parse(wide.GetProperty("uploadedAt").GetProperty("S").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(uploadedAt, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private async Task HourlyReportAsync()
    {
        // The schedule is real: rate(1 hour) targeting the function, and a rate schedule's first tick is its creation,
        // so the schedule itself has already written a report (nothing else has run the function yet).
        var scheduled = await server.Boto3.RunAsync(ExampleDrivers.Schedule, TimeSpan.FromMinutes(5));
        Assert.Equal("rate(1 hour)", scheduled.GetProperty("expression").GetString());
        Assert.Equal(scheduled.GetProperty("functionArn").GetString(), scheduled.GetProperty("target").GetString());
        Assert.Equal("ENABLED", scheduled.GetProperty("state").GetString());
        Assert.NotEmpty(scheduled.GetProperty("scheduledReports").EnumerateArray());

        var printed = await _examples.RunAsync("hourly-report", "run-now.sh");
        var report = JsonDocument.Parse(printed[printed.IndexOf('{', StringComparison.Ordinal)..]).RootElement;
        Assert.Equal(2, report.GetProperty("images").GetInt32());
        Assert.Equal(2, report.GetProperty("byContentType").GetProperty("image/png").GetInt32());
        Assert.Equal(["uploads/wide.png", "uploads/tall.png"], report.GetProperty("thumbnails").EnumerateArray().Select(t => t.GetProperty("key").GetString()));
        var csv = await server.Boto3.RunAsync("""
            s3 = client("s3")
            keys = sorted(o["Key"] for o in s3.list_objects_v2(Bucket="photo-reports", Prefix="reports/")["Contents"] if o["Key"].endswith(".csv"))
            print(json.dumps({"csv": s3.get_object(Bucket="photo-reports", Key=keys[-1])["Body"].read().decode()}))
            """);
        var lines = csv.GetProperty("csv").GetString()!.TrimEnd('\n').Split('\n');
        Assert.Equal("key,bucket,size,width,height,contentType,uploadedAt,thumbnailKey", lines[0]);
        Assert.StartsWith("uploads/wide.png,photos,", lines[1]);
        Assert.Contains(",300,600,image/png,", lines[2]);
    }

    private async Task ItemsApiAsync()
    {
        using var http = new HttpClient();
        var apis = await server.Cli.JsonAsync("apigatewayv2", "get-apis");
        var apiId = apis.GetProperty("Items").EnumerateArray().Single(a => a.GetProperty("Name").GetString() == "items-api").GetProperty("ApiId").GetString();
        var api = $"{server.EndpointUrl}/_aws/execute-api/{apiId}"; // the path form: HttpClient does not resolve *.localhost

        var created = await http.PostAsync(api + "/items", Json("""{"name": "Desk lamp", "price": 19.99, "description": "brass"}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var item = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var id = item.GetProperty("id").GetString()!;
        Assert.Equal("/items/" + id, created.Headers.Location?.OriginalString);
        Assert.Equal(19.99m, item.GetProperty("price").GetDecimal());

        var one = JsonDocument.Parse(await http.GetStringAsync($"{api}/items/{id}")).RootElement;
        Assert.Equal("Desk lamp", one.GetProperty("name").GetString());
        Assert.Equal("brass", one.GetProperty("description").GetString());
        var all = JsonDocument.Parse(await http.GetStringAsync(api + "/items")).RootElement;
        Assert.Equal([id], all.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));

        await AssertBadRequestAsync(http, api, "not json", "The body must be a JSON object");
        await AssertBadRequestAsync(http, api, """{"name": "", "price": "cheap", "colour": "red"}""",
            "name is required", "price is required and must be a number", "Unknown field(s): colour");
        await AssertBadRequestAsync(http, api, """{"name": "Pen", "price": 1.234}""", "at most two decimals");
        var missing = await http.GetAsync(api + "/items/no-such-id");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("No item with id no-such-id", await missing.Content.ReadAsStringAsync());

        // The page's origin may call the API: the preflight names it.
        var origin = server.EndpointUrl.Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
        using var preflight = new HttpRequestMessage(HttpMethod.Options, api + "/items");
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");
        var allowed = await http.SendAsync(preflight);
        Assert.Equal(origin, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());

        var page = await http.GetAsync(server.EndpointUrl + "/items-web/index.html");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<script src=\"app.js\"></script>", await page.Content.ReadAsStringAsync());
        Assert.Contains($"{apiId}.execute-api.localhost", await http.GetStringAsync(server.EndpointUrl + "/items-web/config.js"));
    }

    private static async Task AssertBadRequestAsync(HttpClient http, string api, string body, params string[] messages)
    {
        var response = await http.PostAsync(api + "/items", Json(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{body} → {(int)response.StatusCode} {text}");
        var message = JsonDocument.Parse(text).RootElement.GetProperty("message").GetString()!;
        Assert.All(messages, expected => Assert.Contains(expected, message, StringComparison.Ordinal));
    }

    private async Task CostReportListsTheFunctionsAsync()
    {
        using var http = new HttpClient();
        var costs = JsonDocument.Parse(await http.GetStringAsync(server.EndpointUrl + "/_nimbus/costs")).RootElement;
        var functions = costs.GetProperty("functions").EnumerateArray().ToDictionary(f => f.GetProperty("functionName").GetString()!);
        Assert.All(Functions, name =>
        {
            Assert.True(functions.TryGetValue(name, out var usage), $"{name} is not in the cost report: {costs}");
            Assert.True(usage.GetProperty("requests").GetInt64() >= 1 && usage.GetProperty("gbSeconds").GetDouble() > 0, usage.ToString());
        });
        Assert.True(functions["items-api"].GetProperty("requests").GetInt64() >= 7); // every API call above (the preflight is API Gateway's own)
    }

    private async Task RemovedAsync()
    {
        await _examples.RunAsync("items-api", "remove.sh");
        await _examples.RunAsync("hourly-report", "remove.sh");
        await _examples.RunAsync("thumbnail", "remove.sh");
        var left = await server.Boto3.RunAsync(ExampleDrivers.Leftovers);
        Assert.Equal("[]", left.GetProperty("functions").ToString());
        Assert.Equal("[]", left.GetProperty("buckets").ToString());
        Assert.Equal("[]", left.GetProperty("tables").ToString());
        Assert.Equal("[]", left.GetProperty("apis").ToString());
        Assert.Equal("[]", left.GetProperty("schedules").ToString());
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
