using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nimbus.ApiGateway;
using Nimbus.Billing;
using Nimbus.CloudWatch;
using Nimbus.CloudWatch.Prometheus;
using Nimbus.Core;
using Nimbus.DynamoDb;
using Nimbus.EventBridge;
using Nimbus.Execution;
using Nimbus.Lambda;
using Nimbus.Protocol;
using Nimbus.Protocol.Routing;
using Nimbus.S3;
using Nimbus.WebConsole;

namespace Nimbus.Server;

/// <summary>
/// Builds and runs the Nimbus server: one Kestrel endpoint, every service module wired in. Used by
/// <c>Program</c>, by the end-to-end tests (on port 0) and by the benchmarks.
/// </summary>
public sealed class NimbusHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private NimbusHost(WebApplication app, Uri endpoint, ConsoleOptions console)
    {
        _app = app;
        Endpoint = endpoint;
        ConsoleUrl = new Uri(endpoint, ConsoleEndpoints.BasePath + "/" + (console.RequireToken ? "?token=" + console.Token : ""));
    }

    /// <summary>The address the edge endpoint listens on, with the real port when 0 was asked for.</summary>
    public Uri Endpoint { get; }

    /// <summary>The console's address, with its token when the server is reachable beyond this machine.</summary>
    public Uri ConsoleUrl { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="configureServices">Runs after every module is registered, so it can replace one (the observability
    /// benchmark removes the metering sinks and log delivery to measure what they cost).</param>
    public static async Task<NimbusHost> StartAsync(NimbusOptions options, Action<ILoggingBuilder>? configureLogging = null,
        Action<IServiceCollection>? configureServices = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        configureLogging?.Invoke(builder.Logging);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Parse(options.BindAddress), options.Port);
            // Network-isolated sandboxes reach the edge only through this socket (bridged inside each sandbox).
            kestrel.ListenUnixSocket(kestrel.ApplicationServices.GetRequiredService<EdgeEndpoint>().SocketPath!);
            // Services enforce AWS's own size limits (6 MB invoke payloads, 5 GB S3 parts) and answer with AWS's errors.
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.AddServerHeader = false;
        });

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        // A fixed port is known before start-up: async events resumed at start (queued before a crash) run functions
        // that must already get the right AWS_ENDPOINT_URL. Port 0 is only known once listening (set below).
        services.AddSingleton(options.Port == 0 ? new EdgeEndpoint { SocketPath = Nimbus.Execution.Processes.SandboxNetwork.CreateEdgeSocketPath() }
            : new EdgeEndpoint { Url = $"http://{(options.BindAddress is "0.0.0.0" or "::" ? "127.0.0.1" : options.BindAddress)}:{options.Port}", SocketPath = Nimbus.Execution.Processes.SandboxNetwork.CreateEdgeSocketPath() });
        services.AddSingleton(new NimbusPaths(options.DataDirectory));
        services.AddSingleton(options.Credentials);
        services.AddSingleton(new EdgeOptions { DefaultAccountId = options.AccountId, DefaultRegion = options.Region });
        services.AddSingleton<AwsServiceRouter>();
        services.AddSingleton<AwsEdgeDispatcher>();
        services.AddSingleton<HealthEndpoint>();
        services.AddNimbusCloudWatch();
        services.AddNimbusExecution(new ExecutionOptions
        {
            IdleTimeout = options.EnvironmentIdleTimeout,
            RuntimeInterpreters = options.RuntimeInterpreters,
            Isolation = options.Isolation,
            StemCellDirectory = Path.Combine(Path.GetFullPath(options.DataDirectory), "cells"),
            ScaleOutLimit = options.ScaleOutLimit,
            ScaleOutPeriod = options.ScaleOutPeriod,
        });
        services.AddNimbusLambda();
        services.AddNimbusS3();
        services.AddNimbusBilling();
        services.AddSingleton(options.WebSockets);
        services.AddSingleton(options.CognitoUserPools);
        services.AddNimbusApiGateway();
        services.AddNimbusEventBridge();
        services.AddNimbusDynamoDb(options.DynamoDbDurability);
        var console = ConsoleOptionsFor(options);
        services.AddNimbusConsole(console);
        configureServices?.Invoke(services);

        var app = builder.Build();
        var health = app.Services.GetRequiredService<HealthEndpoint>();
        var dispatcher = app.Services.GetRequiredService<AwsEdgeDispatcher>();
        // Nimbus's own endpoints are routed first; everything else is an AWS request for the edge dispatcher.
        app.UseNimbusEndpointsAccess();
        app.UseRouting();
        app.MapGet("/_nimbus/health", health.WriteAsync);
        app.MapNimbusCosts();
        app.MapNimbusSchedules();
        app.MapNimbusConsole();
        app.MapNimbusMetrics();
        app.UseEndpoints(_ => { });
        app.Run(dispatcher.DispatchAsync);

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First(a => !a.Contains("unix:", StringComparison.Ordinal));
        var endpoint = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        app.Services.GetRequiredService<EdgeEndpoint>().Url = endpoint.ToString();
        return new NimbusHost(app, endpoint, console);
    }

    /// <summary>
    /// Bound to loopback, the console is as open as the endpoint itself; bound to anything else, it needs a token.
    /// It signs its AWS requests with the first configured key, as a user's own CLI would.
    /// </summary>
    private static ConsoleOptions ConsoleOptionsFor(NimbusOptions options)
    {
        var requireToken = !IPAddress.TryParse(options.BindAddress, out var bind) || !IPAddress.IsLoopback(bind);
        var (keyId, secret) = options.Credentials.Secrets.First();
        return new ConsoleOptions
        {
            RequireToken = requireToken,
            Token = options.ConsoleToken ?? Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)),
            Session = new ConsoleSession(keyId, secret, options.AccountId, options.Region),
        };
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
