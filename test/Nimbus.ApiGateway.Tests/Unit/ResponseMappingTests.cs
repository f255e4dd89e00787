using System.Text;
using Nimbus.ApiGateway.Runtime;

namespace Nimbus.ApiGateway.Tests.Unit;

/// <summary>The response rules of Lambda proxy integrations for HTTP APIs (format 2.0 inference, 1.0 strictness).</summary>
public sealed class ResponseMappingTests
{
    private static GatewayResponse? Map(string json, bool v2 = true) => LambdaResponseMapper.Map(Encoding.UTF8.GetBytes(json), v2);

    private static string Body(GatewayResponse response) => Encoding.UTF8.GetString(response.Body.Span);

    [Fact]
    public void V2_BareString_Is200JsonWithTheTextAsBody()
    {
        var response = Map("\"Hello from Lambda!\"")!;

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("Hello from Lambda!", Body(response));
        Assert.Contains(new KeyValuePair<string, string>("content-type", "application/json"), response.Headers);
    }

    [Fact]
    public void V2_ObjectWithoutStatusCode_IsSentAsJson()
    {
        var response = Map("{\"message\":\"hi\",\"n\":1}")!;

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("{\"message\":\"hi\",\"n\":1}", Body(response));
    }

    [Fact]
    public void Structured_HeadersCookiesAndBase64Body()
    {
        var response = Map("""{"statusCode":201,"headers":{"x-a":"1","x-n":5},"cookies":["a=1; Path=/","b=2"],"body":"AAEC/w==","isBase64Encoded":true}""")!;

        Assert.Equal(201, response.StatusCode);
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, response.Body.ToArray());
        Assert.Contains(new KeyValuePair<string, string>("x-n", "5"), response.Headers);
        Assert.Equal(["a=1; Path=/", "b=2"], response.Headers.Where(h => h.Key == "set-cookie").Select(h => h.Value).ToArray());
    }

    [Fact]
    public void V1_MultiValueHeaders_ReplaceSingleValues()
    {
        var response = Map("""{"statusCode":200,"headers":{"x-a":"single"},"multiValueHeaders":{"x-a":["one","two"]},"body":"ok"}""", v2: false)!;

        Assert.Equal(["one", "two"], response.Headers.Where(h => h.Key == "x-a").Select(h => h.Value).ToArray());
    }

    [Theory]
    [InlineData("{\"message\":\"no status\"}", false)]
    [InlineData("\"text\"", false)]
    [InlineData("{\"statusCode\":\"abc\"}", true)]
    [InlineData("{\"statusCode\":99}", true)]
    [InlineData("{\"statusCode\":200,\"body\":\"%%%\",\"isBase64Encoded\":true}", true)]
    [InlineData("not json", true)]
    public void Malformed_GivesNull(string json, bool v2)
    {
        Assert.Null(Map(json, v2));
    }
}
