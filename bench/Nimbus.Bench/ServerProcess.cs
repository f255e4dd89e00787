using System.Diagnostics;
using System.Globalization;

namespace Nimbus.Bench;

/// <summary>
/// A server under test as its own process (Nimbus's Release build or moto_server), so both are measured the same way:
/// over loopback HTTP, with their resident memory read from <c>/proc/&lt;pid&gt;/status</c>.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string? _dataDirectory;

    private ServerProcess(string name, Process process, string url, string? dataDirectory)
    {
        Name = name;
        _process = process;
        Url = url;
        _dataDirectory = dataDirectory;
    }

    public string Name { get; }

    public string Url { get; }

    public static async Task<ServerProcess> StartNimbusAsync(int port)
    {
        var data = Path.Combine(Path.GetTempPath(), "nimbus-s3-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var server = Path.Combine(AppContext.BaseDirectory, "Nimbus.Server.dll");
        var process = Start("dotnet", [server, "--port", port.ToString(CultureInfo.InvariantCulture), "--data-dir", data]);
        var started = new ServerProcess("nimbus", process, $"http://127.0.0.1:{port}", data);
        await started.WaitReadyAsync("/_nimbus/health");
        return started;
    }

    public static async Task<ServerProcess> StartMotoAsync(int port)
    {
        var process = Start("moto_server", ["-p", port.ToString(CultureInfo.InvariantCulture)]);
        var started = new ServerProcess("moto", process, $"http://127.0.0.1:{port}", null);
        await started.WaitReadyAsync("/");
        return started;
    }

    /// <summary>
    /// CPU time the server process has used so far (user + system, from <c>/proc/&lt;pid&gt;/stat</c>), in seconds. On a
    /// shared, loaded machine throughput measures the share of the CPU a server got; CPU per request measures its cost.
    /// </summary>
    public double CpuSeconds() => ProcessCpu.Own(_process.Id).TotalSeconds;

    /// <summary>Resident set size now, in MiB (VmRSS).</summary>
    public double RssMiB() => ReadStatusKiB("VmRSS:") / 1024.0;

    /// <summary>Samples VmRSS every 20 ms until cancelled and returns the highest value seen (MiB).</summary>
    public async Task<double> PeakRssAsync(CancellationToken stop)
    {
        var peak = RssMiB();
        while (!stop.IsCancellationRequested)
        {
            peak = Math.Max(peak, RssMiB());
            try
            {
                await Task.Delay(20, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        return Math.Max(peak, RssMiB());
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        if (_dataDirectory is not null && Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private static Process Start(string file, string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        // Drain the logs so a chatty server never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task WaitReadyAsync(string path)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before it was ready");
            }
            try
            {
                using var response = await http.GetAsync(Url + path);
                return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{Name} did not answer on {Url} within 60 s");
    }

    private long ReadStatusKiB(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }
        return 0;
    }
}
