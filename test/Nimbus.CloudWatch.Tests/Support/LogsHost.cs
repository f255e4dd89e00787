using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nimbus.Core;
using Nimbus.Protocol.Routing;

namespace Nimbus.CloudWatch.Tests.Support;

/// <summary>
/// A minimal in-process edge on 127.0.0.1:0 serving only CloudWatch Logs, wired as Nimbus.Server wires it
/// (router + dispatcher + the module), for driving with real AWS clients.
/// </summary>
public sealed class LogsHost : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private WebApplication? _app;

    public string Endpoint { get; private set; } = "";

    public IServiceProvider Services => _app!.Services;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new NimbusPaths(_directory.Path));
        services.AddSingleton(new EdgeOptions());
        services.AddSingleton<AwsServiceRouter>();
        services.AddSingleton<AwsEdgeDispatcher>();
        services.AddNimbusCloudWatch();

        _app = builder.Build();
        _app.Run(_app.Services.GetRequiredService<AwsEdgeDispatcher>().DispatchAsync);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Endpoint = address.TrimEnd('/');
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        _directory.Dispose();
    }
}
