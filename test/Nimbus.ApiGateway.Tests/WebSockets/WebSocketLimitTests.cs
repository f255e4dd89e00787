using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Nimbus.ApiGateway.WebSockets;
using Nimbus.Server;

namespace Nimbus.ApiGateway.Tests.WebSockets;

/// <summary>The idle timeout, on a server of its own whose limit is a second rather than AWS's ten minutes.</summary>
public sealed class WebSocketLimitTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "nimbus-ws-" + Guid.NewGuid().ToString("N")[..8]);
    private NimbusHost? _host;

    public async Task InitializeAsync() =>
        _host = await NimbusHost.StartAsync(new NimbusOptions
        {
            Port = 0,
            DataDirectory = _data,
            WebSockets = new WebSocketLimits { IdleTimeout = TimeSpan.FromSeconds(1) },
        }, logging => logging.SetMinimumLevel(LogLevel.Warning));

    [Fact]
    public async Task IdleConnection_IsClosedWith1001GoingAway()
    {
        var endpoint = _host!.Endpoint.ToString().TrimEnd('/');
        var created = await new Boto3(endpoint).RunAsync("""
            apigw = client("apigatewayv2")
            id = apigw.create_api(Name="idle", ProtocolType="WEBSOCKET", RouteSelectionExpression="$request.body.action")["ApiId"]
            apigw.create_stage(ApiId=id, StageName="prod")
            apigw.create_deployment(ApiId=id, StageName="prod")
            print(json.dumps({"id": id}))
            """);
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{_host.Endpoint.Port}/_aws/execute-api/{created.GetProperty("id").GetString()}/prod"), CancellationToken.None);

        // Nothing is sent: the server ends the connection on its own.
        Assert.Null(await WebSocketFixture.ReceiveAsync(socket, "the idle timeout's close"));
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, socket.CloseStatus);
        Assert.Equal("Going away", socket.CloseStatusDescription);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // Not worth failing a test over a temp folder.
        }
    }
}
