using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Nimbus.ApiGateway.Runtime;
using Nimbus.ApiGateway.Tests.Infrastructure;
using Nimbus.Core.Logs;

namespace Nimbus.ApiGateway.Tests;

/// <summary>Stage access logs in the stage's format, readable with the CloudWatch Logs API.</summary>
[Collection(GatewayCollection.Name)]
public sealed class AccessLogTests(GatewayFixture gateway)
{
    [Fact]
    public async Task AccessLog_LinePerRequest_InTheStagesFormat()
    {
        var group = "/apigw/access-" + Guid.NewGuid().ToString("N")[..8];
        var api = await gateway.Boto3Async($$"""
            id = apigw.create_api(Name="logged", ProtocolType="HTTP", Target="{{gateway.EchoArn}}", RouteKey="GET /items/{id}")["ApiId"]
            fmt = '{"requestId":"$context.requestId","status":"$context.status","routeKey":"$context.routeKey","method":"$context.httpMethod","ip":"$context.identity.sourceIp","nope":"$context.unknownThing"}'
            apigw.update_stage(ApiId=id, StageName="$default", AccessLogSettings={"DestinationArn": "arn:aws:logs:us-east-1:000000000000:log-group:{{group}}", "Format": fmt})
            print(json.dumps({"id": id}))
            """);
        var id = api.GetProperty("id").GetString()!;

        var ok = await gateway.GetAsync(id, "/items/1");
        var missing = await gateway.GetAsync(id, "/other");
        await gateway.Server.Host.Services.GetRequiredService<ILogIngestion>().FlushAsync();
        var events = await gateway.Server.Cli.JsonAsync("logs", "filter-log-events", "--log-group-name", group);

        var lines = events.GetProperty("events").EnumerateArray().Select(e => JsonDocument.Parse(e.GetProperty("message").GetString()!).RootElement).ToList();
        Assert.Equal(2, lines.Count);
        var first = lines.Single(l => l.GetProperty("status").GetString() == "200");
        Assert.Equal(ok.Headers.GetValues("apigw-requestid").Single(), first.GetProperty("requestId").GetString());
        Assert.Equal("GET /items/{id}", first.GetProperty("routeKey").GetString());
        Assert.Equal("GET", first.GetProperty("method").GetString());
        Assert.Equal("127.0.0.1", first.GetProperty("ip").GetString());
        Assert.Equal("-", first.GetProperty("nope").GetString());
        var second = lines.Single(l => l.GetProperty("status").GetString() == "404");
        Assert.Equal(missing.Headers.GetValues("apigw-requestid").Single(), second.GetProperty("requestId").GetString());
        Assert.Equal("-", second.GetProperty("routeKey").GetString());
    }

    [Fact]
    public void Format_ReplacesContextVariables_AndLeavesTheRest()
    {
        var line = AccessLogWriter.Format("$context.requestId $context.status. cost=$ $context.missing", n => n switch
        {
            "requestId" => "abc=",
            "status" => "200",
            _ => null,
        });

        Assert.Equal("abc= 200. cost=$ -", line);
        Assert.Equal("/my/group", AccessLogWriter.GroupOf("arn:aws:logs:us-east-1:000000000000:log-group:/my/group:*"));
        Assert.Null(AccessLogWriter.GroupOf("not-an-arn"));
    }
}
