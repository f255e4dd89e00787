using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.Logging;
using Nimbus.Server;

namespace Nimbus.S3.Tests.Infrastructure;

/// <summary>
/// A real Nimbus server in this process on 127.0.0.1 with a free port and its own data directory, shared by the
/// tests of one class; S3 clients (CLI, boto3, AWS SDK for .NET) talk to it over HTTP.
/// </summary>
public sealed class S3ServerFixture : IAsyncLifetime
{
    private NimbusHost? _host;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "nimbus-s3-" + Guid.NewGuid().ToString("N")[..8]);

    public string EndpointUrl => Host.Endpoint.ToString().TrimEnd('/');

    public NimbusHost Host => _host ?? throw new InvalidOperationException("The server has not started.");

    public AwsCli Cli => new(EndpointUrl);

    public Boto3 Boto3 => new(EndpointUrl);

    public AmazonS3Client DotNetClient() => new(new BasicAWSCredentials("test", "test"), new AmazonS3Config
    {
        ServiceURL = EndpointUrl,
        ForcePathStyle = true,
        AuthenticationRegion = "us-east-1",
        MaxErrorRetry = 0,
    });

    public async Task InitializeAsync() => _host = await StartAsync();

    /// <summary>Stops the server and starts a new one on the same data directory (state must survive).</summary>
    public async Task RestartAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
        _host = await StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Not worth failing a test for.
        }
    }

    private Task<NimbusHost> StartAsync() => NimbusHost.StartAsync(new NimbusOptions
    {
        Port = 0,
        DataDirectory = DataDirectory,
    }, logging => logging.SetMinimumLevel(LogLevel.Warning));
}
