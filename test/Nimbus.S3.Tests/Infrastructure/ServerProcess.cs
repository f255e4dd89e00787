using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Nimbus.S3.Tests.Infrastructure;

/// <summary>
/// The built server (Nimbus.Server.dll) as a child process on a data directory, so a test can <c>kill -9</c> it and
/// start it again on the same directory.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, string endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    public string Endpoint { get; }

    public Boto3 Boto3 => new(Endpoint);

    /// <summary>Starts the server and waits until <c>/_nimbus/health</c> answers.</summary>
    public static async Task<ServerProcess> StartAsync(string dataDirectory, int? port = null)
    {
        var chosen = port ?? FreePort();
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "Nimbus.Server.dll"), "--port", chosen.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data-dir", dataDirectory })
        {
            info.ArgumentList.Add(argument);
        }
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, $"http://127.0.0.1:{chosen}");
        await server.WaitForHealthAsync();
        return server;
    }

    /// <summary>SIGKILL: no shutdown code runs, as when the machine loses power or the OOM killer strikes.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }

    private async Task WaitForHealthAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(_process.HasExited, "the server process exited during start-up");
            try
            {
                if ((await http.GetAsync(Endpoint + "/_nimbus/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too busy starting to answer within the probe's 2 s.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("start-up: the server did not answer /_nimbus/health within 60 s");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
