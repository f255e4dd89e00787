using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nimbus.CloudWatch.Alarms.Service;
using Nimbus.CloudWatch.Tests.Support;
using Nimbus.Core;
using Nimbus.Core.Invocation;
using Nimbus.Protocol.Routing;

namespace Nimbus.CloudWatch.Tests.Alarms;

/// <summary>
/// CloudWatch on 127.0.0.1:0 with a clock that only moves when a test moves it, and a recording function invoker in
/// Lambda's place, so alarm evaluation can be driven period by period with real clients.
/// </summary>
public sealed class AlarmsHost : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private WebApplication? _app;

    /// <summary>Starts at a whole minute (plus 30 s) close to real time, so clients' timestamps validate.</summary>
    public ManualTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 * 60 + 30));

    public RecordingFunctionInvoker Invoker { get; } = new();

    public string Endpoint { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services
            .AddSingleton<TimeProvider>(Clock)
            .AddSingleton<IFunctionInvoker>(Invoker)
            .AddSingleton(new NimbusPaths(_directory.Path))
            .AddSingleton(new EdgeOptions())
            .AddSingleton<AwsServiceRouter>()
            .AddSingleton<AwsEdgeDispatcher>()
            .AddNimbusCloudWatch();
        _app = builder.Build();
        _app.Run(_app.Services.GetRequiredService<AwsEdgeDispatcher>().DispatchAsync);
        await _app.StartAsync();
        Endpoint = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
    }

    /// <summary>Moves the clock and runs one evaluation pass, then waits for the actions it started.</summary>
    public async Task AdvanceAndEvaluateAsync(TimeSpan by)
    {
        Clock.Advance(by);
        await _app!.Services.GetRequiredService<AlarmEvaluator>().EvaluateAsync();
        await _app.Services.GetRequiredService<AlarmActionDispatcher>().FlushAsync();
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
