using Amazon.Runtime;
using Amazon.S3;

namespace Nimbus.S3.Tests.Infrastructure;

/// <summary>The AWS SDK for .NET's S3 client, unmodified, pointed at a test server.</summary>
public static class DotNetS3Client
{
    public static AmazonS3Client DotNetClient(this NimbusServerFixture server) => new(new BasicAWSCredentials("test", "test"), new AmazonS3Config
    {
        ServiceURL = server.EndpointUrl,
        ForcePathStyle = true,
        AuthenticationRegion = "us-east-1",
        MaxErrorRetry = 0,
    });
}
