using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Nimbus.Core;
using Nimbus.Execution.Processes;
using Nimbus.Execution.Tests.Infrastructure;

namespace Nimbus.Execution.Tests;

/// <summary>
/// What a function's network namespace lets it reach: isolated (the default), only its Runtime API and the edge
/// endpoint, both bridged from Unix sockets; on the host network (<see cref="NetworkMode.Host"/>), what the host reaches.
/// Each function probes from the inside and returns what it found.
/// </summary>
public sealed class NetworkIsolationTests : IDisposable
{
    private const string Runtime = "python3.12";
    private readonly CapturingLauncher _launcher = new(TestIsolation.Sandbox);
    private readonly string _edgeSocket = SandboxNetwork.CreateEdgeSocketPath();
    private readonly Socket _edge;
    private readonly TcpListener _hostService = new(IPAddress.Any, 0);
    private readonly EngineHarness _harness;

    public NetworkIsolationTests()
    {
        // A stand-in for the edge endpoint: answers any HTTP request on its Unix socket with the request line it got.
        _edge = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _edge.Bind(new UnixDomainSocketEndPoint(_edgeSocket));
        _edge.Listen(16);
        _ = ServeEdgeAsync();
        _hostService.Start();
        _ = AcceptHostServiceAsync();
        _harness = new EngineHarness(launcher: _launcher, stemCells: 1, edge: new EdgeEndpoint { Url = "http://127.0.0.1:4566", SocketPath = _edgeSocket });
    }

    public void Dispose()
    {
        _harness.Dispose();
        _edge.Dispose();
        _hostService.Stop();
        Directory.Delete(Path.GetDirectoryName(_edgeSocket)!, recursive: true);
    }

    private int HostPort => ((IPEndPoint)_hostService.LocalEndpoint).Port;

    /// <summary>An IPv4 address of this host other than loopback (where a service bound to 0.0.0.0 also answers), or null.</summary>
    private static string? HostAddress() => NetworkInterface.GetAllNetworkInterfaces()
        .Where(i => i.OperationalStatus == OperationalStatus.Up && i.NetworkInterfaceType != NetworkInterfaceType.Loopback)
        .SelectMany(i => i.GetIPProperties().UnicastAddresses)
        .Select(a => a.Address).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))?.ToString();

    private async Task<JsonElement> RunAsync(string body, NetworkMode network, object? payload = null)
    {
        var code = _harness.WriteCode(("app.py", "import json, os, socket, urllib.request\ndef handler(event, context):\n" + body));
        var spec = EngineHarness.Spec(Runtime, "app.handler", code, timeoutSeconds: 15) with { Network = network };
        var outcome = await _harness.InvokeAsync(spec, EngineHarness.Request(JsonSerializer.Serialize(payload ?? new { })), seconds: 60);
        var text = Encoding.UTF8.GetString(outcome.Payload.Span);
        Assert.True(outcome.Status == InvocationStatus.Success, text);
        return JsonDocument.Parse(text).RootElement;
    }

    private const string ConnectProbe = """
            def connect(host, port):
                try:
                    socket.create_connection((host, port), timeout=3).close()
                    return 'connected'
                except OSError as e:
                    return type(e).__name__
            return {target: connect(target, event['port']) for target in event['hosts']}
        """;

    [SandboxFact(network: true)]
    public async Task IsolatedFunction_CannotConnectToHostServices_OnLoopbackOrTheHostsAddress()
    {
        string[] hosts = HostAddress() is { } address ? ["127.0.0.1", address] : ["127.0.0.1"];

        var found = await RunAsync(ConnectProbe, NetworkMode.Isolated, new { port = HostPort, hosts });

        Assert.Equal("ConnectionRefusedError", found.GetProperty("127.0.0.1").GetString());
        if (hosts.Length > 1)
        {
            // No interface but loopback: the host's address is not even routable from inside.
            Assert.NotEqual("connected", found.GetProperty(hosts[1]).GetString());
        }
    }

    [SandboxFact(network: true)]
    public async Task HostNetworkFunction_ConnectsToHostServices()
    {
        string[] hosts = HostAddress() is { } address ? ["127.0.0.1", address] : ["127.0.0.1"];

        var found = await RunAsync(ConnectProbe, NetworkMode.Host, new { port = HostPort, hosts });

        Assert.All(hosts, h => Assert.Equal("connected", found.GetProperty(h).GetString()));
    }

    [SandboxTheory(network: true)]
    [InlineData(NetworkMode.Isolated)]
    [InlineData(NetworkMode.Host)]
    public async Task Function_ReachesTheEdgeEndpoint_AtAwsEndpointUrl(NetworkMode network)
    {
        var found = await RunAsync("""
                url = os.environ['AWS_ENDPOINT_URL']
                try:
                    return {'url': url, 'answer': urllib.request.urlopen(url + '/probe?x=1', timeout=5).read().decode()}
                except OSError as e:
                    return {'url': url, 'answer': type(e).__name__}
            """, network);

        Assert.Equal("http://127.0.0.1:4566", found.GetProperty("url").GetString());
        if (network == NetworkMode.Isolated)
        {
            // Through nimbus-init's bridge to the edge's Unix socket.
            Assert.Equal("GET /probe?x=1 HTTP/1.1", found.GetProperty("answer").GetString());
        }
    }

    [SandboxFact(network: true)]
    public async Task IsolatedRuntimeApiSocket_ServesNoOtherProcess()
    {
        var code = _harness.WriteCode(("app.py", "def handler(event, context):\n    return 'ok'\n"));
        var spec = EngineHarness.Spec(Runtime, "app.handler", code) with { Network = NetworkMode.Isolated };
        await _harness.InvokeAsync(spec, EngineHarness.Request(), seconds: 60);
        // The function's own launch (a stem cell's, started meanwhile, has no handler).
        var (launch, _) = await _launcher.NextLaunchAsync();
        while (!launch.Environment.ContainsKey("_HANDLER"))
        {
            (launch, _) = await _launcher.NextLaunchAsync();
        }
        var socketPath = launch.Network!.RuntimeApiSocket;

        // This test process is not one of the environment's: SO_PEERCRED names it, and it gets nothing.
        using var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await client.ConnectAsync(new UnixDomainSocketEndPoint(socketPath));
        var received = 0;
        try
        {
            await client.SendAsync("GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray());
            received = await client.ReceiveAsync(new byte[1024], SocketFlags.None).Within(10, "waiting for the Runtime API to close a stranger's connection");
        }
        catch (SocketException)
        {
            // Closed before the request was even written (EPIPE) or reset: nothing was served either way.
        }

        Assert.Equal(0, received);
    }

    private async Task ServeEdgeAsync()
    {
        while (true)
        {
            Socket connection;
            try
            {
                connection = await _edge.AcceptAsync();
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(async () =>
            {
                using (connection)
                {
                    var buffer = new byte[4096];
                    var n = await connection.ReceiveAsync(buffer);
                    var requestLine = Encoding.ASCII.GetString(buffer, 0, n).Split("\r\n")[0];
                    var body = Encoding.ASCII.GetBytes(requestLine);
                    await connection.SendAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n").Concat(body).ToArray());
                }
            });
        }
    }

    private async Task AcceptHostServiceAsync()
    {
        while (true)
        {
            try
            {
                (await _hostService.AcceptSocketAsync()).Dispose();
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
        }
    }
}
