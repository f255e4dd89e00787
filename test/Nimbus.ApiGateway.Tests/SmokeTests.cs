using Nimbus.ApiGateway.Tests.Infrastructure;

namespace Nimbus.ApiGateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class SmokeTests(GatewayFixture gateway)
{
    [Fact]
    public async Task QuickCreate_ServesTheFunction()
    {
        var api = await gateway.Boto3Async($$"""
            r = apigw.create_api(Name="quick", ProtocolType="HTTP", Target="{{gateway.EchoArn}}")
            print(json.dumps({"id": r["ApiId"], "endpoint": r["ApiEndpoint"]}))
            """);
        var id = api.GetProperty("id").GetString()!;
        var response = await gateway.GetAsync(id, "/hello/world?a=1&a=2&b=x");
        var evt = await GatewayFixture.EventOf(response);
        Assert.Equal("/hello/world", evt.GetProperty("rawPath").GetString());
    }
}
