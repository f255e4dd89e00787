using System.Globalization;
using System.Text;
using System.Text.Json;
using Nimbus.Execution.Processes;
using Nimbus.Execution.Tests.Infrastructure;

namespace Nimbus.Execution.Tests;

/// <summary>
/// What one environment cannot do to another or to the host, what its CPU share is, how its death is reported, and
/// that nothing of it is left once it is gone.
/// </summary>
public sealed class IsolationTests : IDisposable
{
    private const string Runtime = "python3.12";
    private readonly CapturingLauncher _launcher = new(TestIsolation.Sandbox);
    private readonly EngineHarness _harness;

    public IsolationTests()
    {
        _harness = new EngineHarness(new ExecutionOptions { IdleTimeout = TimeSpan.FromMilliseconds(300) }, _launcher);
    }

    public void Dispose() => _harness.Dispose();

    private EnvironmentSpec Function(string body, int timeoutSeconds = 20, int memoryMb = 128, NetworkMode network = NetworkMode.Isolated)
    {
        var code = _harness.WriteCode(("app.py", "import json, os, socket, time\ndef handler(event, context):\n" + body));
        return EngineHarness.Spec(Runtime, "app.handler", code, timeoutSeconds) with { MemorySizeMb = memoryMb, Network = network };
    }

    private static string Text(InvocationOutcome outcome) => Encoding.UTF8.GetString(outcome.Payload.Span);

    /// <summary>
    /// On the host network the attacker can connect to the victim's Runtime API port: the peer check must turn it away.
    /// Isolated, it cannot even reach it: 127.0.0.1:9001 is its own Runtime API and the victim's socket is not in its
    /// view. Either way it gets neither the victim's event nor a hand in its answer.
    /// </summary>
    [SandboxTheory]
    [InlineData(NetworkMode.Host)]
    [InlineData(NetworkMode.Isolated)]
    public async Task HostileRuntime_CannotFetchOrAnswerAnotherEnvironmentsInvocation(NetworkMode network)
    {
        var (attack, victimRequestId, victimOutcome) = await AttackAsync(network);

        Assert.Equal(InvocationStatus.Success, attack.Status);
        var found = JsonDocument.Parse(Text(attack)).RootElement;
        var steal = found.GetProperty("steal").GetString()!;
        var forge = found.GetProperty("forge").GetString()!;
        Assert.DoesNotContain(victimRequestId, steal, StringComparison.Ordinal);
        Assert.DoesNotContain("202 Accepted", forge, StringComparison.Ordinal);
        if (network == NetworkMode.Host || !_launcher.IsolatesNetwork)
        {
            // Connection closed without a byte (or reset): no event, no 202, not even an HTTP answer.
            Assert.DoesNotContain("HTTP/1.1", steal, StringComparison.Ordinal);
            Assert.DoesNotContain("HTTP/1.1", forge, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal("FileNotFoundError", found.GetProperty("socket").GetString());
        }
        var outcome = await victimOutcome;
        Assert.Equal(InvocationStatus.Success, outcome.Status);
        Assert.Equal("\"from the victim\"", Text(outcome));
    }

    /// <summary>The attack above is real: without the peer check, on the host network, it answers the victim's invocation.</summary>
    [SandboxFact]
    public async Task HostileRuntime_OnTheHostNetwork_WithoutThePeerCheck_AnswersTheVictimsInvocation()
    {
        using var unguarded = new EngineHarness(new ExecutionOptions { VerifyRuntimeApiPeers = false }, _launcher);

        var (attack, _, victimOutcome) = await AttackAsync(NetworkMode.Host, unguarded);

        Assert.Contains("202 Accepted", JsonDocument.Parse(Text(attack)).RootElement.GetProperty("forge").GetString(), StringComparison.Ordinal);
        Assert.Equal("\"stolen\"", Text(await victimOutcome));
    }

    private async Task<(InvocationOutcome Attack, string VictimRequestId, Task<InvocationOutcome> VictimOutcome)> AttackAsync(NetworkMode network,
        EngineHarness? harness = null)
    {
        harness ??= _harness;
        var victim = Function("    time.sleep(event.get('sleep', 0))\n    return 'from the victim'\n", network: network);
        Assert.Equal("\"from the victim\"", Text(await harness.InvokeAsync(victim, EngineHarness.Request())));
        var (victimLaunch, _) = await _launcher.NextLaunchAsync();
        var victimPort = int.Parse(victimLaunch.Environment["AWS_LAMBDA_RUNTIME_API"].Split(':')[1], CultureInfo.InvariantCulture);
        var victimSocket = victimLaunch.Network?.RuntimeApiSocket ?? "/nonexistent";
        var inFlight = EngineHarness.Request("""{"sleep": 8}""");
        var victimOutcome = harness.InvokeAsync(victim, inFlight, seconds: 60);

        // The attacker knows the victim's address (port, and socket path on the host) and in-flight request id, and
        // tries both the next event and the answer.
        var hostile = Function("""
                def attempt(request):
                    s = socket.create_connection(('127.0.0.1', event['port']))
                    s.settimeout(2)
                    try:
                        s.sendall(request)
                        return s.recv(65536).decode('latin-1')
                    except OSError as e:
                        return type(e).__name__
                    finally:
                        s.close()
                steal = attempt(b'GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\n\r\n')
                body = b'"stolen"'
                forge = attempt(b'POST /2018-06-01/runtime/invocation/' + event['id'].encode() + b'/response HTTP/1.1\r\nHost: x\r\nContent-Length: 8\r\n\r\n' + body)
                try:
                    u = socket.socket(socket.AF_UNIX)
                    u.connect(event['socket'])
                    reached = 'connected'
                except OSError as e:
                    reached = type(e).__name__
                return {'steal': steal, 'forge': forge, 'socket': reached}
            """, network: network);
        var attack = await harness.InvokeAsync(hostile, EngineHarness.Request(JsonSerializer.Serialize(new { port = victimPort, id = inFlight.RequestId, socket = victimSocket })));
        return (attack, inFlight.RequestId, victimOutcome);
    }

    [SandboxFact]
    public async Task Function_CannotSeeOrSignalAnyHostProcess()
    {
        var spec = Function("""
                visible = [p for p in os.listdir('/proc') if p.isdigit()]
                cmdlines = [open('/proc/%s/cmdline' % p, 'rb').read().replace(b'\0', b' ').decode() for p in visible]
                try:
                    os.kill(event['host'], 0)
                    signal = 'delivered'
                except ProcessLookupError:
                    signal = 'no such process'
                return {'cmdlines': cmdlines, 'signal': signal}
            """);

        var found = JsonDocument.Parse(Text(await _harness.InvokeAsync(spec, EngineHarness.Request($"{{\"host\": {Environment.ProcessId}}}")))).RootElement;

        // Only the sandbox's own init (bwrap's, or nimbus-init) and the runtime: not this test host, not the server, not other functions.
        Assert.All(found.GetProperty("cmdlines").EnumerateArray(), c =>
            Assert.True(c.GetString()!.Contains("bwrap", StringComparison.Ordinal) || c.GetString()!.StartsWith("/run/nimbus/init ", StringComparison.Ordinal)
                || c.GetString()!.Contains("bootstrap.py", StringComparison.Ordinal), c.GetString()));
        Assert.Equal("no such process", found.GetProperty("signal").GetString());
    }

    [SandboxFact(cgroups: true)]
    public async Task CpuBoundFunction_At128Mb_GetsAbout128Of1769OfACore()
    {
        // Spins for 3 s of wall-clock time and reports the CPU time the kernel accounted to it meanwhile.
        var spec = Function("""
                start, cpu = time.monotonic(), time.process_time()
                while time.monotonic() - start < 3:
                    pass
                return {'wall': time.monotonic() - start, 'cpu': time.process_time() - cpu}
            """);

        var outcome = await _harness.InvokeAsync(spec, EngineHarness.Request(), seconds: 60);
        var (_, handle) = await _launcher.NextLaunchAsync();

        var found = JsonDocument.Parse(Text(outcome)).RootElement;
        var share = found.GetProperty("cpu").GetDouble() / found.GetProperty("wall").GetDouble();
        // 128/1769 = 7.2 % of a core. The quota caps it from above (CFS periods of 100 ms let it overshoot slightly);
        // the band's floor is generous because the host's other load can take CPU from it too.
        Assert.InRange(share, 0.3 * 128 / 1769, 1.35 * 128 / 1769);
        // And it was the quota that held it back: the cgroup's CPU controller throttled it.
        var cgroup = Assert.IsType<SandboxedProcess>(handle).Cgroup!;
        var stat = cgroup.Directories.Select(d => Path.Combine(d, "cpu.stat")).First(File.Exists);
        var throttled = File.ReadLines(stat).Single(l => l.StartsWith("nr_throttled ", StringComparison.Ordinal));
        Assert.True(long.Parse(throttled.Split(' ')[1], CultureInfo.InvariantCulture) > 10, throttled);
    }

    [SandboxFact(cgroups: true)]
    public async Task RuntimeCallingExit137_IsReportedAsAnExitStatus_NotAsAnOomKill()
    {
        var spec = Function("    os._exit(137)\n");
        var request = EngineHarness.Request();

        var outcome = await _harness.InvokeAsync(spec, request);

        Assert.Equal(InvocationStatus.RuntimeExited, outcome.Status);
        var error = JsonDocument.Parse(Text(outcome)).RootElement;
        Assert.Equal("Runtime.ExitError", error.GetProperty("errorType").GetString());
        Assert.Equal($"RequestId: {request.RequestId} Error: Runtime exited with error: exit status 137", error.GetProperty("errorMessage").GetString());
    }

    [SandboxFact(cgroups: true)]
    public async Task Burst_LeavesNoProcessOrCgroupBehind_OnceIdleEnvironmentsAreReaped()
    {
        const int burst = 6;
        var spec = Function("    time.sleep(0.5)\n    return os.getpid()\n");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, burst).Select(_ => _harness.InvokeAsync(spec, EngineHarness.Request(), seconds: 60)));
        var handles = new List<SandboxedProcess>();
        for (var i = 0; i < _launcher.Count; i++)
        {
            handles.Add(Assert.IsType<SandboxedProcess>((await _launcher.NextLaunchAsync()).Handle));
        }

        Assert.All(outcomes, o => Assert.Equal(InvocationStatus.Success, o.Status));
        // Concurrent invokes each got their own environment (one invocation at a time per environment).
        Assert.Equal(burst, handles.Count);
        // The keep-alive is 300 ms: the reaper stops every idle environment, and each takes its processes and cgroup with it.
        await Task.WhenAll(handles.Select(h => h.CgroupRemoved)).Within(30, "waiting for the burst's environments to be reaped");
        Assert.All(_harness.Engine.Snapshot(), pool => Assert.Equal((0, 0), (pool.Idle, pool.Busy)));
        foreach (var handle in handles)
        {
            await handle.Exited.Within(10, "waiting for a reaped environment's process to be reaped");
            Assert.False(Directory.Exists("/proc/" + handle.ProcessId.ToString(CultureInfo.InvariantCulture)), $"pid {handle.ProcessId} still exists");
            Assert.All(handle.Cgroup!.Directories, d => Assert.False(Directory.Exists(d), d + " still exists"));
        }
    }
}
