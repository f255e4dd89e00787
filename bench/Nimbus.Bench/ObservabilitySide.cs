using System.Diagnostics;
using System.Globalization;

namespace Nimbus.Bench;

/// <summary>
/// A running <see cref="ObservabilityServer"/> child process, started with Server GC as the shipped server runs
/// (Nimbus.Server.csproj's Web SDK default), and its CPU accounts: the server process's own and its descendants' (the
/// function's sandboxes and runtimes).
/// </summary>
internal sealed class ObservabilitySide : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dataDirectory;

    private ObservabilitySide(bool observed, Process process, Uri endpoint, string dataDirectory)
    {
        Observed = observed;
        _process = process;
        Endpoint = endpoint;
        _dataDirectory = dataDirectory;
    }

    public bool Observed { get; }

    public string Name => Observed ? "on" : "off";

    public Uri Endpoint { get; }

    /// <param name="observed">The "on" side (as shipped) or the "off" side (observability removed).</param>
    /// <param name="baselineBench">
    /// When given, the "off" side is this other build's <c>Nimbus.Bench.dll</c> with observability on: the rounds then
    /// measure what a change costs or saves against that build, with the same noise cancelling as on against off.
    /// </param>
    public static async Task<ObservabilitySide> StartAsync(bool observed, string? baselineBench = null)
    {
        var data = Path.Combine(Path.GetTempPath(), $"nimbus-bench-obs-{(observed ? "on" : "off")}-" + Guid.NewGuid().ToString("N")[..8]);
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var bench = observed || baselineBench is null ? Path.Combine(AppContext.BaseDirectory, "Nimbus.Bench.dll") : baselineBench;
        foreach (var argument in new[] { bench, "observability-server", observed || baselineBench is not null ? "on" : "off", data })
        {
            info.ArgumentList.Add(argument);
        }
        info.Environment["DOTNET_gcServer"] = "1";
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the observability server");
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"[{(observed ? "on" : "off")}] {e.Data}");
            }
        };
        process.BeginErrorReadLine();
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60))
            ?? throw new InvalidOperationException($"the observability server exited with {(process.WaitForExit(1_000) ? process.ExitCode : -1)}");
        var fields = line.Split(' ');
        if (fields[0] != "endpoint" || fields[2] != "server-gc")
        {
            throw new InvalidOperationException($"unexpected first line from the observability server: {line}");
        }
        return new ObservabilitySide(observed, process, new Uri(fields[1]), data);
    }

    /// <summary>CPU the server process itself has used (all its threads: Kestrel, invokes, writers, collections).</summary>
    public TimeSpan ServerCpu() => ProcessCpu.Own(_process.Id);

    /// <summary>CPU the server's descendants have used: the function's sandboxes and runtime processes.</summary>
    public TimeSpan RuntimeCpu() => ProcessCpu.Descendants(_process.Id);

    /// <summary>Context switches of the server process's threads so far (live threads).</summary>
    public long ServerContextSwitches() => ProcessCpu.ContextSwitches(_process.Id);

    /// <summary>Collections so far in the server process, by generation.</summary>
    public async Task<(long Gen0, long Gen1, long Gen2)> CollectionsAsync()
    {
        await _process.StandardInput.WriteLineAsync("gc");
        await _process.StandardInput.FlushAsync();
        var line = await _process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)) ?? "";
        var fields = line.Split(' ');
        return fields is ["gc", var gen0, var gen1, var gen2]
            ? (long.Parse(gen0, CultureInfo.InvariantCulture), long.Parse(gen1, CultureInfo.InvariantCulture), long.Parse(gen2, CultureInfo.InvariantCulture))
            : throw new InvalidOperationException($"unexpected answer to gc: {line}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // Closing stdin stops the host cleanly (its writers drain); then anything left goes.
            _process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
