using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Nimbus.Testing;

/// <summary>
/// Nimbus.Server as a separate process on a free port, for tests that must kill it (<c>kill -9</c>) and start it
/// again on the same data directory.
/// </summary>
public sealed class OutOfProcessServer : IAsyncDisposable
{
    private readonly Process _process;

    private OutOfProcessServer(Process process, string endpointUrl)
    {
        _process = process;
        EndpointUrl = endpointUrl;
    }

    public string EndpointUrl { get; }

    public Boto3 Boto3 => new(EndpointUrl);

    /// <param name="arguments">More command-line settings for the server.</param>
    public static async Task<OutOfProcessServer> StartAsync(string dataDirectory, int? port = null, IReadOnlyList<string>? arguments = null)
    {
        var chosen = port ?? FreePort();
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        string[] all = [Path.Combine(AppContext.BaseDirectory, "Nimbus.Server.dll"), "--port", chosen.ToString(CultureInfo.InvariantCulture), "--data-dir", dataDirectory, .. arguments ?? []];
        all.ToList().ForEach(info.ArgumentList.Add);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new OutOfProcessServer(process, $"http://127.0.0.1:{chosen}");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            Assert.False(process.HasExited, "the server process exited during start-up");
            try
            {
                if ((await http.GetAsync(server.EndpointUrl + "/_nimbus/health")).StatusCode == HttpStatusCode.OK)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }
        process.Kill(entireProcessTree: true);
        throw new TimeoutException("The out-of-process server did not answer /_nimbus/health within 60 s.");
    }

    /// <summary>SIGKILL: no shutdown hooks, no flush; only what was durable survives.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }
        _process.Dispose();
    }
}
