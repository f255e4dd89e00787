using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Nimbus.CloudWatch.Tests.Support;

namespace Nimbus.CloudWatch.Tests.Api;

/// <summary>The awsJson 1.1 wire: what a client sees for bad input, checked with raw HTTP.</summary>
public sealed class LogsWireTests : IClassFixture<LogsHost>
{
    private static readonly HttpClient Http = new();
    private readonly LogsHost _host;

    public LogsWireTests(LogsHost host) => _host = host;

    [Fact]
    public async Task MalformedJson_ReturnsSerializationException()
    {
        var (status, type, _) = await PostAsync("DescribeLogGroups", "{\"limit\": ");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("SerializationException", type);
    }

    [Fact]
    public async Task AMemberOfTheWrongType_ReturnsSerializationException()
    {
        var (status, type, message) = await PostAsync("DescribeLogGroups", "{\"limit\": \"ten\"}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("SerializationException", type);
        Assert.Contains("limit", message);
    }

    [Fact]
    public async Task AnUnknownOperation_ReturnsUnknownOperationException()
    {
        var (status, type, _) = await PostAsync("NoSuchOperation", "{}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("UnknownOperationException", type);
    }

    [Theory]
    [InlineData("DescribeLogGroups", "{\"limit\": 0}", "Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1")]
    [InlineData("DescribeLogGroups", "{\"limit\": 51}", "Member must have value less than or equal to 50")]
    [InlineData("GetLogEvents", "{\"logGroupName\": \"g\", \"limit\": 10001, \"logStreamName\": \"s\"}", "Member must have value less than or equal to 10000")]
    [InlineData("CreateLogGroup", "{}", "Value null at 'logGroupName' failed to satisfy constraint: Member must not be null")]
    [InlineData("CreateLogGroup", "{\"logGroupName\": \"bad name!\"}", "Member must satisfy regular expression pattern")]
    [InlineData("CreateLogStream", "{\"logGroupName\": \"g\", \"logStreamName\": \"a:b\"}", "Member must satisfy regular expression pattern: [^:*]*")]
    [InlineData("DescribeLogStreams", "{\"logGroupName\": \"g\", \"orderBy\": \"Size\"}", "Member must satisfy enum value set")]
    [InlineData("DescribeLogStreams", "{\"logGroupName\": \"g\", \"logGroupIdentifier\": \"g\"}", "mutually exclusive")]
    [InlineData("PutLogEvents", "{\"logGroupName\": \"g\", \"logStreamName\": \"s\", \"logEvents\": []}", "Member must have length greater than or equal to 1")]
    [InlineData("PutRetentionPolicy", "{\"logGroupName\": \"g\", \"retentionInDays\": 2}", "Member must satisfy enum value set: [1, 3, 5")]
    [InlineData("DescribeLogGroups", "{\"logGroupNamePrefix\": \"a\", \"logGroupNamePattern\": \"b\"}", "mutually exclusive")]
    [InlineData("GetLogEvents", "{\"logGroupName\": \"g\", \"logStreamName\": \"s\", \"nextToken\": \"garbage\"}", "nextToken")]
    public async Task InvalidInput_ReturnsInvalidParameterException(string operation, string body, string messagePart)
    {
        var (status, type, message) = await PostAsync(operation, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("InvalidParameterException", type);
        Assert.Contains(messagePart, message);
    }

    [Fact]
    public async Task LogGroupIdentifier_AcceptsTheGroupArn()
    {
        var group = "/wire/arn/" + Guid.NewGuid().ToString("N")[..8];
        await PostAsync("CreateLogGroup", $"{{\"logGroupName\": \"{group}\"}}");
        await PostAsync("CreateLogStream", $"{{\"logGroupName\": \"{group}\", \"logStreamName\": \"s\"}}");

        var (status, _, _) = await PostAsync("DescribeLogStreams",
            $"{{\"logGroupIdentifier\": \"arn:aws:logs:us-east-1:000000000000:log-group:{group}:*\"}}");

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task DescribeLogGroups_WithIdentifiers_ReturnsOnlyThoseGroups()
    {
        var prefix = "/wire/ids/" + Guid.NewGuid().ToString("N")[..8];
        foreach (var name in new[] { "/a", "/b", "/c" })
        {
            await PostAsync("CreateLogGroup", $"{{\"logGroupName\": \"{prefix}{name}\"}}");
        }

        var body = await PostForBodyAsync("DescribeLogGroups",
            $"{{\"logGroupIdentifiers\": [\"{prefix}/c\", \"arn:aws:logs:us-east-1:000000000000:log-group:{prefix}/a\", \"{prefix}/missing\"]}}");

        var names = body.GetProperty("logGroups").EnumerateArray().Select(g => g.GetProperty("logGroupName").GetString());
        Assert.Equal([prefix + "/a", prefix + "/c"], names);
    }

    [Fact]
    public async Task AnEmptyBody_IsAnEmptyRequest()
    {
        var (status, _, _) = await PostAsync("DescribeLogGroups", "");

        Assert.Equal(HttpStatusCode.OK, status);
    }

    private async Task<JsonElement> PostForBodyAsync(string operation, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _host.Endpoint + "/");
        request.Headers.Add("X-Amz-Target", "Logs_20140328." + operation);
        request.Content = new StringContent(body, Encoding.UTF8);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-amz-json-1.1");
        using var response = await Http.SendAsync(request);
        Assert.Equal("application/x-amz-json-1.1", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private async Task<(HttpStatusCode Status, string? Type, string? Message)> PostAsync(string operation, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _host.Endpoint + "/");
        request.Headers.Add("X-Amz-Target", "Logs_20140328." + operation);
        request.Content = new StringContent(body, Encoding.UTF8);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-amz-json-1.1");
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.IsSuccessStatusCode)
        {
            return (response.StatusCode, null, null);
        }
        var json = JsonDocument.Parse(text).RootElement;
        return (response.StatusCode, json.GetProperty("__type").GetString(), json.GetProperty("message").GetString());
    }
}
