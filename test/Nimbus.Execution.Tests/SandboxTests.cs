using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Nimbus.Execution.Processes;
using Nimbus.Execution.Tests.Infrastructure;

namespace Nimbus.Execution.Tests;

/// <summary>
/// What a function must not see or do inside the bubblewrap sandbox, and what its cgroup enforces and reports.
/// The functions are Python: each probes from the inside and returns what it found.
/// </summary>
public sealed class SandboxTests : IDisposable
{
    private const string Runtime = "python3.12";
    private readonly CapturingLauncher _launcher = new(TestIsolation.Sandbox);
    private readonly EngineHarness _harness;

    public SandboxTests()
    {
        _harness = new EngineHarness(launcher: _launcher);
    }

    public void Dispose() => _harness.Dispose();

    private async Task<JsonElement> RunAsync(string body, int memoryMb = 128, int ephemeralMb = 512)
    {
        var code = _harness.WriteCode(("app.py", "import json, os\ndef handler(event, context):\n" + body));
        var spec = EngineHarness.Spec(Runtime, "app.handler", code, timeoutSeconds: 10) with
        {
            MemorySizeMb = memoryMb,
            EphemeralStorageMb = ephemeralMb,
        };
        var outcome = await _harness.InvokeAsync(spec, EngineHarness.Request());
        var payload = Encoding.UTF8.GetString(outcome.Payload.Span);
        Assert.True(outcome.Status == InvocationStatus.Success, payload);
        return JsonDocument.Parse(payload).RootElement;
    }

    [SandboxFact]
    public async Task Function_SeesOnlyItsOwnPidNamespace()
    {
        var found = await RunAsync("""
                pids = sorted(int(p) for p in os.listdir('/proc') if p.isdigit())
                return {'pids': pids, 'self': os.getpid(), 'init': open('/proc/1/cmdline', 'rb').read().split(b'\0')[0].decode()}
            """);

        var pids = found.GetProperty("pids").EnumerateArray().Select(p => p.GetInt32()).ToList();
        // The namespace holds its init (bwrap's, or nimbus-init bridging an isolated network) and the runtime: none of
        // the host's processes, this test host included.
        Assert.DoesNotContain(Environment.ProcessId, pids);
        Assert.True(pids.Count <= 3, "visible pids: " + string.Join(",", pids));
        Assert.True(found.GetProperty("self").GetInt32() <= 3);
        var init = found.GetProperty("init").GetString()!;
        if (_launcher.IsolatesNetwork)
        {
            Assert.Equal("/run/nimbus/init", init);
        }
        else
        {
            Assert.EndsWith("bwrap", init);
        }
    }

    [SandboxFact]
    public async Task Function_CannotReadTheDataDirectoryOrAnotherFunctionsCode()
    {
        var dataDirectory = _harness.WriteCode(("lambda/functions.db", "secret-state"));
        var other = _harness.WriteCode(("app.py", "SECRET = 'other function'"));
        string Probe(string path) => $"""
                try:
                    open({JsonSerializer.Serialize(path)}).read()
                    out.append('readable')
                except OSError as e:
                    out.append(type(e).__name__)
            """;

        var found = await RunAsync("    out = []\n" + Probe(Path.Combine(dataDirectory, "lambda/functions.db")) + "\n"
            + Probe(Path.Combine(other, "app.py")) + "\n"
            + "    return {'probes': out, 'task': sorted(os.listdir('/var/task')), 'root': os.environ['LAMBDA_TASK_ROOT'], 'cwd': os.getcwd()}\n");

        Assert.Equal(["FileNotFoundError", "FileNotFoundError"], found.GetProperty("probes").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(["app.py"], found.GetProperty("task").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("/var/task", found.GetProperty("root").GetString());
        Assert.Equal("/var/task", found.GetProperty("cwd").GetString());
    }

    [SandboxFact]
    public async Task Function_HasNoCapabilities()
    {
        var found = await RunAsync("""
                return [l.split()[1] for l in open('/proc/self/status') if l.startswith(('CapEff', 'CapPrm'))]
            """);

        Assert.All(found.EnumerateArray(), caps => Assert.Equal("0000000000000000", caps.GetString()));
    }

    [SandboxFact]
    public async Task Function_CannotWriteItsCode()
    {
        var found = await RunAsync("""
                try:
                    open('/var/task/app.py', 'a').write('#')
                    return 'writable'
                except OSError as e:
                    return type(e).__name__
            """);

        Assert.Equal("OSError", found.GetString());
    }

    [SandboxFact]
    public async Task Tmp_IsPrivatePerEnvironmentAndSizedByEphemeralStorage()
    {
        var hostMarker = Path.Combine(Path.GetTempPath(), "nimbus-host-marker-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(hostMarker, "host");
        try
        {
            const string body = """
                    before = sorted(os.listdir('/tmp'))
                    open('/tmp/mine', 'w').write('x')
                    st = os.statvfs('/tmp')
                    return {'before': before, 'bytes': st.f_blocks * st.f_frsize}
                """;

            var first = await RunAsync(body, ephemeralMb: 600);
            var second = await RunAsync(body);

            // Each environment starts with an empty /tmp: neither the host's nor the other environment's files.
            Assert.Empty(first.GetProperty("before").EnumerateArray());
            Assert.Empty(second.GetProperty("before").EnumerateArray());
            Assert.Equal(600L * 1024 * 1024, first.GetProperty("bytes").GetInt64());
            Assert.Equal(512L * 1024 * 1024, second.GetProperty("bytes").GetInt64());
        }
        finally
        {
            File.Delete(hostMarker);
        }
    }

    [SandboxFact(cgroups: true)]
    public async Task Invoke_WhenFunctionExceedsItsMemory_IsKilledAndReturnsRuntimeExitError()
    {
        var code = _harness.WriteCode(("app.py", "def handler(event, context):\n    big = b'x' * (300 * 1024 * 1024)\n    return len(big)\n"));
        var spec = EngineHarness.Spec(Runtime, "app.handler", code, timeoutSeconds: 10);
        var request = EngineHarness.Request();

        var outcome = await _harness.InvokeAsync(spec, request);

        Assert.Equal(InvocationStatus.RuntimeExited, outcome.Status);
        var error = JsonDocument.Parse(Encoding.UTF8.GetString(outcome.Payload.Span)).RootElement;
        Assert.Equal("Runtime.ExitError", error.GetProperty("errorType").GetString());
        Assert.Equal($"RequestId: {request.RequestId} Error: Runtime exited with error: signal: killed", error.GetProperty("errorMessage").GetString());
    }

    [SandboxFact(cgroups: true)]
    public async Task Environment_RunsInItsOwnCgroupWithLimits_ReportsItsPeak_AndTheCgroupIsRemovedWhenItStops()
    {
        var code = _harness.WriteCode(("app.py", "def handler(event, context):\n    big = b'x' * (60 * 1024 * 1024)\n    return len(big)\n"));
        // 256 MB is 14 % of a core once init is over: the 60 MB memset needs more than the default 3 s on a loaded host.
        var spec = EngineHarness.Spec(Runtime, "app.handler", code, timeoutSeconds: 10) with { MemorySizeMb = 256 };

        var outcome = await _harness.InvokeAsync(spec, EngineHarness.Request());
        var (_, handle) = await _launcher.NextLaunchAsync();

        Assert.Equal(InvocationStatus.Success, outcome.Status);
        var sandboxed = Assert.IsType<SandboxedProcess>(handle);
        var cgroup = Assert.IsType<Cgroup>(sandboxed.Cgroup);
        var peakBytes = cgroup.Directories.Select(d => Path.Combine(d, "memory.max_usage_in_bytes")).Concat(cgroup.Directories.Select(d => Path.Combine(d, "memory.peak")))
            .Where(File.Exists).Select(f => long.Parse(File.ReadAllText(f).Trim(), CultureInfo.InvariantCulture)).Single();
        Assert.Contains(handle.ProcessId.ToString(CultureInfo.InvariantCulture), cgroup.ProcsFiles.SelectMany(File.ReadAllLines));
        Assert.Contains(cgroup.Directories, d => ReadLimit(d, "memory.limit_in_bytes", "memory.max") == 256L * 1024 * 1024);
        Assert.Contains(cgroup.Directories, d => ReadLimit(d, "pids.max", "pids.max") == CgroupController.PidsMax);
        // CPU: 256/1769 of one core over a 100 ms period, applied once init was over.
        Assert.Contains(cgroup.Directories, d => ReadLimit(d, "cpu.cfs_quota_us", "cpu.max") == 256L * 100_000 / 1769);
        var report = _harness.Logs.Messages(spec.LogGroupName).Last();
        var maxUsedMb = long.Parse(Regex.Match(report, @"Max Memory Used: (\d+) MB").Groups[1].Value, CultureInfo.InvariantCulture);
        // The runtime alone is ~10 MB; the 60 MB string shows the figure is the cgroup's peak, read before the file above.
        Assert.InRange(maxUsedMb, 60, (peakBytes / (1024 * 1024)) + 1);

        await _harness.Engine.RetireAsync(spec.FunctionKey);
        await sandboxed.CgroupRemoved.Within(10, "waiting for the stopped environment's cgroup to be removed");

        Assert.All(cgroup.Directories, d => Assert.False(Directory.Exists(d), d + " still exists"));
    }

    [SandboxFact]
    public void IsolationLevel_SaysWhatIsInForce()
    {
        Assert.Matches("^bubblewrap(\\+netns)?(\\+cgroup-v[12])?$", _harness.Engine.IsolationLevel);
        Assert.Equal("process", new PosixProcessLauncher().IsolationLevel);
    }

    private static long ReadLimit(string directory, string v1File, string v2File)
    {
        var path = File.Exists(Path.Combine(directory, v1File)) ? Path.Combine(directory, v1File) : Path.Combine(directory, v2File);
        if (!File.Exists(path))
        {
            return -1;
        }
        var text = File.ReadAllText(path).Trim().Split(' ')[0];
        return long.Parse(text, CultureInfo.InvariantCulture);
    }
}
