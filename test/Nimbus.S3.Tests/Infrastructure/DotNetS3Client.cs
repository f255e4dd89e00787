using Amazon.Runtime;
using Amazon.S3;

namespace Nimbus.S3.Tests.Infrastructure;

/// <summary>The AWS SDK for .NET's S3 client, unmodified, pointed at a test server.</summary>
public static class DotNetS3Client
{
    public static AmazonS3Client DotNetClient(this NimbusServerFixture server) => new(new BasicAWSCredentials("test", "test"), Config(server));

    /// <summary>The same client, showing each request it sends to <paramref name="observe"/>.</summary>
    public static AmazonS3Client DotNetClient(this NimbusServerFixture server, Action<HttpRequestMessage> observe)
    {
        var config = Config(server);
        config.HttpClientFactory = new ObservingHttpClientFactory(observe);
        return new(new BasicAWSCredentials("test", "test"), config);
    }

    private static AmazonS3Config Config(NimbusServerFixture server) => new()
    {
        ServiceURL = server.EndpointUrl,
        ForcePathStyle = true,
        AuthenticationRegion = "us-east-1",
        MaxErrorRetry = 0,
    };
}
