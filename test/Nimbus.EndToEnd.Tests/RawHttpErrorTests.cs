using System.Net;
using System.Text;
using System.Text.Json;
using Nimbus.EndToEnd.Tests.Infrastructure;

namespace Nimbus.EndToEnd.Tests;

/// <summary>
/// Requests a stock client would never send (its own validation stops them) but a broken script or a hand-written
/// client does: the server must still answer with AWS's error, never a 500.
/// </summary>
public sealed class RawHttpErrorTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    private static readonly HttpClient Http = new();

    [Theory]
    [InlineData("{not json", "InvalidRequestContentException", HttpStatusCode.BadRequest)]
    [InlineData("""{"FunctionName":"f","Runtime":"nodejs20.x","Role":"arn:aws:iam::000000000000:role/r","Handler":"index.handler","MemorySize":64,"Code":{"ZipFile":"UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA=="}}""", "ValidationException", HttpStatusCode.BadRequest)]
    [InlineData("""{"FunctionName":"f","Runtime":"nodejs20.x","Role":"arn:aws:iam::000000000000:role/r","Handler":"index.handler","Timeout":901,"Code":{"ZipFile":"UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA=="}}""", "ValidationException", HttpStatusCode.BadRequest)]
    [InlineData("""{"FunctionName":"f","Runtime":"nodejs20.x","Role":"arn:aws:iam::000000000000:role/r","Handler":"index handler","Code":{"ZipFile":"UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA=="}}""", "ValidationException", HttpStatusCode.BadRequest)]
    [InlineData("""{"FunctionName":"f","Runtime":"nodejs20.x","Role":"not-a-role","Handler":"index.handler","Code":{"ZipFile":"UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA=="}}""", "ValidationException", HttpStatusCode.BadRequest)]
    [InlineData("""{"FunctionName":"bad name!","Runtime":"nodejs20.x","Role":"arn:aws:iam::000000000000:role/r","Handler":"index.handler","Code":{"ZipFile":"UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA=="}}""", "ValidationException", HttpStatusCode.BadRequest)]
    public async Task CreateFunction_InvalidBody_ReturnsAwsError(string body, string errorCode, HttpStatusCode status)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, server.EndpointUrl + "/2015-03-31/functions")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        Sign(request, "lambda");

        using var response = await Http.SendAsync(request);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(errorCode, response.Headers.GetValues("x-amzn-ErrorType").Single().Split(':')[0]);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(document.RootElement.TryGetProperty("message", out _) || document.RootElement.TryGetProperty("Message", out _));
    }

    [Fact]
    public async Task MalformedSignature_IsRejectedWithIncompleteSignature()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, server.EndpointUrl + "/2015-03-31/functions");
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=test/20261127/us-east-1/lambda/aws4_request");
        request.Headers.TryAddWithoutValidation("X-Amz-Date", "20261127T000000Z");

        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("IncompleteSignatureException", response.Headers.GetValues("x-amzn-ErrorType").Single());
    }

    [Fact]
    public async Task Health_ReportsVersionIsolationAndRuntimes()
    {
        using var document = JsonDocument.Parse(await Http.GetStringAsync(server.EndpointUrl + "/_nimbus/health"));
        var root = document.RootElement;

        Assert.False(string.IsNullOrEmpty(root.GetProperty("version").GetString()));
        Assert.True(root.GetProperty("uptimeSeconds").GetDouble() >= 0);
        Assert.False(string.IsNullOrEmpty(root.GetProperty("isolation").GetString()));
        Assert.Equal("process", root.GetProperty("dynamodbDurability").GetString());
        var available = root.GetProperty("runtimes").GetProperty("available").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("provided.al2023", available);
        Assert.Contains(available, r => r!.StartsWith("nodejs", StringComparison.Ordinal));
        Assert.Contains(available, r => r!.StartsWith("python3", StringComparison.Ordinal));
    }

    /// <summary>A syntactically valid SigV4 header (Nimbus accepts any key, as emulators do).</summary>
    private static void Sign(HttpRequestMessage request, string service)
    {
        request.Headers.TryAddWithoutValidation("X-Amz-Date", "20261127T000000Z");
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential=test/20261127/us-east-1/{service}/aws4_request, SignedHeaders=host;x-amz-date, Signature={new string('a', 64)}");
    }
}
