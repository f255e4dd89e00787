using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nimbus.Server;

namespace Nimbus.Testing;

/// <summary>
/// A real Nimbus server in this process, on 127.0.0.1 with a free port and its own data directory, shared by the
/// tests of one class. Clients (AWS CLI, boto3, aws-lambda-ric) talk to it over HTTP exactly as users do. A derived
/// fixture may replace services (a fake clock) through <see cref="ConfigureServices"/>.
/// </summary>
public class NimbusServerFixture : IAsyncLifetime
{
    private NimbusHost? _host;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "nimbus-e2e-" + Guid.NewGuid().ToString("N")[..8]);

    public string EndpointUrl => Host.Endpoint.ToString().TrimEnd('/');

    public NimbusHost Host => _host ?? throw new InvalidOperationException("The server has not started.");

    public AwsCli Cli => new(EndpointUrl);

    public Boto3 Boto3 => new(EndpointUrl);

    public async Task InitializeAsync()
    {
        _host = await StartAsync();
    }

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
            // A runtime process may still be exiting; the temp folder is not worth failing a test for.
        }
    }

    /// <summary>Runs after every module is registered, so a registration made here wins.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    private Task<NimbusHost> StartAsync() => NimbusHost.StartAsync(new NimbusOptions
    {
        Port = 0,
        DataDirectory = DataDirectory,
        EnvironmentIdleTimeout = TimeSpan.FromMinutes(5),
    }, logging => logging.SetMinimumLevel(LogLevel.Warning), ConfigureServices);
}
