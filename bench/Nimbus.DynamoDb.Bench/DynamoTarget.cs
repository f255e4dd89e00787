using Microsoft.Extensions.Logging;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Nimbus.Server;

namespace Nimbus.DynamoDb.Bench;

/// <summary>A DynamoDB-compatible server under test: a child process (Nimbus, moto_server, dynalite), or Nimbus in this process.</summary>
internal sealed class DynamoTarget : IAsyncDisposable
{
    private readonly NimbusHost? _host;
    private readonly Process? _process;
    private readonly string? _dataDirectory;

    private DynamoTarget(string name, string endpoint, NimbusHost? host, Process? process, string? dataDirectory)
    {
        Name = name;
        Endpoint = endpoint;
        _host = host;
        _process = process;
        _dataDirectory = dataDirectory;
    }

    public string Name { get; }

    public string Endpoint { get; }

    /// <summary>
    /// The shipped server (Nimbus.Server with its runtime settings: Server GC, no dynamic PGO), in a process of its own, so
    /// it is measured as moto and dynalite are: over loopback from this client, its CPU read from outside.
    /// </summary>
    /// <param name="name">The name the results show.</param>
    /// <param name="serverDirectory">A build of Nimbus.Server to run (another commit's, for an A/B in one run); this bench's own by default.</param>
    /// <param name="arguments">More command-line settings for the server.</param>
    public static Task<DynamoTarget?> NimbusProcessAsync(string name = "nimbus", string? serverDirectory = null, string[]? arguments = null)
    {
        var data = Path.Combine(Path.GetTempPath(), "nimbus-ddb-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var server = Path.Combine(serverDirectory ?? AppContext.BaseDirectory, "Nimbus.Server.dll");
        return ProcessAsync(name, "dotnet", port => [server, "--port", port.ToString(CultureInfo.InvariantCulture), "--data-dir", data, .. arguments ?? []], data);
    }

    /// <summary>Nimbus in this process (<c>--in-process</c>): its allocations show in KB/op, and a profiler sees client and server at once.</summary>
    public static async Task<DynamoTarget> NimbusAsync()
    {
        var data = Path.Combine(Path.GetTempPath(), "nimbus-ddb-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var host = await NimbusHost.StartAsync(new NimbusOptions { Port = 0, DataDirectory = data }, logging => logging.ClearProviders());
        return new DynamoTarget("nimbus", host.Endpoint.ToString().TrimEnd('/'), host, null, data);
    }

    public static async Task<DynamoTarget?> ProcessAsync(string name, string command, Func<int, string[]> arguments, string? dataDirectory = null)
    {
        var port = FreePort();
        var info = new ProcessStartInfo(command) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments(port))
        {
            info.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        for (var i = 0; i < 100 && !process.HasExited; i++)
        {
            try
            {
                using var socket = new TcpClient();
                await socket.ConnectAsync("127.0.0.1", port);
                return new DynamoTarget(name, $"http://127.0.0.1:{port}", null, process, dataDirectory);
            }
            catch (SocketException)
            {
                await Task.Delay(200);
            }
        }
        process.Kill(entireProcessTree: true);
        return null;
    }

    /// <summary>CPU time used so far by a server in its own process (zero for Nimbus, whose CPU is this process's).</summary>
    public TimeSpan ServerCpuTime()
    {
        if (_process is null)
        {
            return TimeSpan.Zero;
        }
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
        if (_process is not null)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            _process.Dispose();
        }
        if (_dataDirectory is not null)
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
