using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nimbus.Core;
using Nimbus.Execution;
using Nimbus.Lambda.Service;
using Nimbus.Protocol.Routing;

namespace Nimbus.Lambda.Tests.Infrastructure;

/// <summary>
/// A minimal Nimbus on 127.0.0.1:0: Kestrel, the Protocol edge dispatcher and the Lambda module, with a fake
/// engine. <see cref="RestartAsync"/> rebuilds every service object on the same data directory.
/// </summary>
internal sealed class LambdaTestHost : IAsyncDisposable
{
    private readonly TimeProvider _time;
    private readonly Action<IServiceCollection>? _configure;
    private WebApplication _app;

    private LambdaTestHost(string dataDirectory, FakeExecutionEngine engine, LambdaOptions options, TimeProvider time,
        Action<IServiceCollection>? configure, WebApplication app, Uri endpoint)
    {
        DataDirectory = dataDirectory;
        Engine = engine;
        Options = options;
        _time = time;
        _configure = configure;
        _app = app;
        Endpoint = endpoint;
        Http = new HttpClient { BaseAddress = endpoint };
    }

    public string DataDirectory { get; }

    public FakeExecutionEngine Engine { get; }

    public LambdaOptions Options { get; }

    public Uri Endpoint { get; private set; }

    public HttpClient Http { get; private set; }

    public LambdaService Service => _app.Services.GetRequiredService<LambdaService>();

    public InvokeService Invoker => _app.Services.GetRequiredService<InvokeService>();

    public IServiceProvider Services => _app.Services;

    /// <param name="time">A fake clock for retry tests; the system clock otherwise.</param>
    /// <param name="configure">Extra registrations (e.g. a recording <c>IInvocationReportSink</c>), applied again on restart.</param>
    public static async Task<LambdaTestHost> StartAsync(LambdaOptions? options = null, TimeProvider? time = null, Action<IServiceCollection>? configure = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "nimbus-lambda-tests", Guid.NewGuid().ToString("N"));
        var engine = new FakeExecutionEngine();
        options ??= new LambdaOptions();
        time ??= TimeProvider.System;
        var (app, endpoint) = await BuildAsync(directory, engine, options, time, configure);
        return new LambdaTestHost(directory, engine, options, time, configure, app, endpoint);
    }

    private static async Task<(WebApplication, Uri)> BuildAsync(string directory, FakeExecutionEngine engine, LambdaOptions options, TimeProvider time,
        Action<IServiceCollection>? configure)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Limits.MaxRequestBodySize = null;
        });
        var services = builder.Services;
        services.AddSingleton(time);
        services.AddSingleton(new NimbusPaths(directory));
        services.AddSingleton(new EdgeOptions());
        services.AddSingleton<AwsServiceRouter>();
        services.AddSingleton<AwsEdgeDispatcher>();
        services.AddSingleton<IExecutionEngine>(engine);
        services.AddNimbusLambda(options);
        configure?.Invoke(services);
        var app = builder.Build();
        app.Run(app.Services.GetRequiredService<AwsEdgeDispatcher>().DispatchAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address));
    }

    /// <summary>Stops everything and starts new service objects on the same data directory (a server restart).</summary>
    public async Task RestartAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Http.Dispose();
        (_app, var endpoint) = await BuildAsync(DataDirectory, Engine, Options, _time, _configure);
        Endpoint = endpoint;
        Http = new HttpClient { BaseAddress = endpoint };
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json = null, Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        configure?.Invoke(request);
        return await Http.SendAsync(request);
    }

    public async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> CallAsync(HttpMethod method, string path, object? body = null,
        Action<HttpRequestMessage>? configure = null)
    {
        var json = body switch
        {
            null => null,
            string raw => raw,
            JsonNode node => node.ToJsonString(),
            _ => throw new ArgumentException("body must be a string or JsonNode"),
        };
        var response = await SendAsync(method, path, json, configure);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? parsed = null;
        if (text.Length > 0)
        {
            try
            {
                parsed = JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                parsed = JsonValue.Create(text);
            }
        }
        return (response.StatusCode, parsed, response);
    }

    public static JsonObject CreateRequest(string name, byte[]? zip = null, string runtime = "python3.12", string handler = "index.handler") => new()
    {
        ["FunctionName"] = name,
        ["Runtime"] = runtime,
        ["Role"] = "arn:aws:iam::000000000000:role/lambda-role",
        ["Handler"] = handler,
        ["Code"] = new JsonObject { ["ZipFile"] = Convert.ToBase64String(zip ?? TestZips.Python()) },
    };

    public async Task<JsonNode> CreateFunctionAsync(string name, Action<JsonObject>? customise = null)
    {
        var request = CreateRequest(name);
        customise?.Invoke(request);
        var (status, body, _) = await CallAsync(HttpMethod.Post, "/2015-03-31/functions", request);
        Assert.True(status == HttpStatusCode.Created, $"CreateFunction answered {status}: {body}");
        await WaitSettledAsync(name);
        return body!;
    }

    /// <summary>Waits (bounded) until the function is Active and its last update finished, as the AWS waiters do.</summary>
    public async Task WaitSettledAsync(string name)
    {
        var entry = Service.Find(AwsScope.Default, name) ?? throw new InvalidOperationException("no function " + name);
        await entry.WhenActive.WaitAsync(TimeSpan.FromSeconds(10));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (entry.Snapshot.Latest.Config.LastUpdateStatus == Model.LastUpdateStatus.InProgress)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"function {name}: LastUpdateStatus stayed InProgress");
            }
            await Task.Delay(5);
        }
    }

    public async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> InvokeAsync(string name, string payload = "{}",
        string? qualifier = null, Action<HttpRequestMessage>? configure = null)
    {
        var path = $"/2015-03-31/functions/{Uri.EscapeDataString(name)}/invocations" + (qualifier is null ? "" : "?Qualifier=" + Uri.EscapeDataString(qualifier));
        var response = await SendAsync(HttpMethod.Post, path, payload, configure);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: temp files.
        }
    }
}
