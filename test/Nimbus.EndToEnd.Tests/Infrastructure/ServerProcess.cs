using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Nimbus.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The real server as its own process (<c>dotnet Nimbus.Server.dll --port 0 --data-dir …</c>), for tests that must
/// kill it with SIGKILL or watch the processes it starts. Its output is kept for failure messages.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process, string endpointUrl)
    {
        _process = process;
        EndpointUrl = endpointUrl;
    }

    public string EndpointUrl { get; }

    public int Pid => _process.Id;

    public AwsCli Cli => new(EndpointUrl);

    public Boto3 Boto3 => new(EndpointUrl);

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<ServerProcess> StartAsync(string dataDirectory, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[Path.Combine(AppContext.BaseDirectory, "Nimbus.Server.dll"), "--port", "0", "--data-dir", dataDirectory, .. arguments])
        {
            info.ArgumentList.Add(argument);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the server");
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        ServerProcess? server = null;
        var early = new StringBuilder();
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }
            lock (early)
            {
                early.AppendLine(line);
                server?.Append(line);
            }
            if (ListeningRegex().Match(line) is { Success: true } match)
            {
                listening.TrySetResult(match.Groups[1].Value.TrimEnd('/'));
            }
        }
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var url = await listening.Task.WaitAsync(TimeSpan.FromSeconds(90));
            lock (early)
            {
                server = new ServerProcess(process, url);
                server.Append(early.ToString());
            }
            return server;
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The server did not report its address within 90 s. Output:\n" + early);
        }
    }

    /// <summary>SIGKILL, as <c>kill -9</c>: no shutdown code runs. Its sandboxes die with it (bubblewrap's --die-with-parent).</summary>
    public async Task KillHardAsync()
    {
        var orphans = Descendants();
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
        // Belt and braces: nothing the dead server started may outlive the test.
        foreach (var pid in orphans)
        {
            try
            {
                Process.GetProcessById(pid).Kill();
            }
            catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }
    }

    /// <summary>Every process below the server (sandboxes, runtimes), from <c>/proc/*/task/*/children</c>.</summary>
    public IReadOnlyList<int> Descendants()
    {
        var found = new List<int>();
        var pending = new Stack<int>([_process.Id]);
        while (pending.Count > 0)
        {
            var pid = pending.Pop();
            foreach (var child in Children(pid))
            {
                found.Add(child);
                pending.Push(child);
            }
        }
        return found;
    }

    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (IOException)
        {
            return "(gone)";
        }
    }

    private static IEnumerable<int> Children(int pid)
    {
        string[] tasks;
        try
        {
            tasks = Directory.GetDirectories($"/proc/{pid}/task");
        }
        catch (IOException)
        {
            return [];
        }
        var children = new List<int>();
        foreach (var task in tasks)
        {
            try
            {
                children.AddRange(File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse));
            }
            catch (IOException)
            {
                // The thread ended meanwhile.
            }
        }
        return children;
    }

    private void Append(string text)
    {
        lock (_output)
        {
            _output.AppendLine(text);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    [GeneratedRegex(@"Nimbus is listening on (\S+)")]
    private static partial Regex ListeningRegex();
}
