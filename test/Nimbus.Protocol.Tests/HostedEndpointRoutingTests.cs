using Microsoft.AspNetCore.Http;
using Nimbus.Protocol.Routing;

namespace Nimbus.Protocol.Tests;

public sealed class HostedEndpointRoutingTests
{
    private readonly RecordingEndpoint _executeApi = new("execute-api", "/_aws/execute-api/");
    private readonly StubService _lambda = new(new AwsServiceDescriptor("lambda", AwsProtocol.RestJson) { PathPrefixes = ["/2015-03-31/"] });
    private readonly AwsServiceRouter _router;

    public HostedEndpointRoutingTests() => _router = new AwsServiceRouter([_lambda], [_executeApi]);

    [Theory]
    [InlineData("abc123.execute-api.localhost:4566", "/prod/items/1", "abc123", "/prod/items/1")]
    [InlineData("ABC123.execute-api.localhost", "", "abc123", "/")]
    [InlineData("abc123.execute-api.us-east-1.amazonaws.com", "/2015-03-31/functions", "abc123", "/2015-03-31/functions")]
    public void HostForm_IsClaimedBeforeAnyService(string host, string path, string id, string rest)
    {
        var request = Request(host, path, signedFor: "lambda");

        Assert.True(_router.TryResolveHosted(request, out var match));
        Assert.Same(_executeApi, match.Handler);
        Assert.Equal(id, match.Id);
        Assert.Equal(rest, match.Path);
    }

    [Theory]
    [InlineData("/_aws/execute-api/abc123/prod/items/1", "abc123", "/prod/items/1")]
    [InlineData("/_aws/execute-api/abc123", "abc123", "/")]
    [InlineData("/_aws/execute-api/abc123/", "abc123", "/")]
    public void PathForm_IsClaimed(string path, string id, string rest)
    {
        Assert.True(_router.TryResolveHosted(Request("127.0.0.1:4566", path), out var match));
        Assert.Equal(id, match.Id);
        Assert.Equal(rest, match.Path);
    }

    [Theory]
    [InlineData("127.0.0.1:4566", "/2015-03-31/functions")]
    [InlineData("localhost", "/_aws/execute-api/")]
    [InlineData("bucket.s3.localhost", "/key")]
    [InlineData("execute-api.localhost", "/x")]
    public void OtherRequests_AreLeftToTheServices(string host, string path)
    {
        Assert.False(_router.TryResolveHosted(Request(host, path), out _));
    }

    [Fact]
    public async Task Dispatcher_HandsHostedRequestsOverWithoutParsingSignatures()
    {
        var dispatcher = new AwsEdgeDispatcher(_router, new EdgeOptions(), Microsoft.Extensions.Logging.Abstractions.NullLogger<AwsEdgeDispatcher>.Instance);
        var http = new DefaultHttpContext();
        http.Request.Host = new HostString("api1.execute-api.localhost", 4566);
        http.Request.Path = "/items";
        // A malformed Authorization header is the user's business on their own API, not a SigV4 error.
        http.Request.Headers.Authorization = "Bearer not-sigv4";

        await dispatcher.DispatchAsync(http);

        Assert.Equal(("api1", "/items"), _executeApi.Calls.Single());
        Assert.Equal(0, _lambda.Calls);
        Assert.False(http.Response.Headers.ContainsKey("x-amzn-RequestId"));
    }

    private static HttpRequest Request(string host, string path, string? signedFor = null)
    {
        var http = new DefaultHttpContext();
        http.Request.Host = new HostString(host);
        http.Request.Path = path;
        if (signedFor is not null)
        {
            http.Request.Headers.Authorization = $"AWS4-HMAC-SHA256 Credential=AKID/20261127/us-east-1/{signedFor}/aws4_request, SignedHeaders=host, Signature=00";
        }
        return http.Request;
    }

    private sealed class RecordingEndpoint(string label, string prefix) : IHostedEndpointHandler
    {
        public List<(string Id, string Path)> Calls { get; } = [];

        public string HostLabel => label;

        public string PathPrefix => prefix;

        public Task HandleAsync(HttpContext http, string id, string path)
        {
            Calls.Add((id, path));
            return Task.CompletedTask;
        }
    }

    private sealed class StubService(AwsServiceDescriptor descriptor) : IAwsServiceHandler
    {
        public int Calls { get; private set; }

        public AwsServiceDescriptor Descriptor => descriptor;

        public Task HandleAsync(AwsRequestContext request)
        {
            Calls++;
            return Task.CompletedTask;
        }
    }
}
