using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Nimbus.Execution.StemCells;
using Nimbus.Execution.Tests.Infrastructure;

namespace Nimbus.Execution.Tests;

/// <summary>
/// Cold starts from pre-started runtimes: the first cold start of a kind primes its pool, later ones take a ready
/// cell, which must behave exactly like a freshly started environment and carry nothing of any other function.
/// </summary>
public sealed class StemCellTests : IDisposable
{
    private const string NodeProbe = """
        const fs = require('fs');
        exports.handler = async () => ({
          env: process.env,
          environ: fs.readFileSync('/proc/self/environ', 'latin1'),
          tmp: fs.readdirSync('/tmp'),
          task: fs.readdirSync(process.env.LAMBDA_TASK_ROOT).sort(),
          cwd: process.cwd(),
          written: (fs.writeFileSync('/tmp/' + process.env.AWS_LAMBDA_FUNCTION_NAME, 'x'), true),
        });
        """;

    private const string PythonProbe = """
        import os
        def handler(event, context):
            tmp = os.listdir('/tmp')
            written = open('/tmp/' + os.environ['AWS_LAMBDA_FUNCTION_NAME'], 'w').write('x')
            return {'env': dict(os.environ), 'environ': open('/proc/self/environ', 'rb').read().decode('latin-1'),
                    'tmp': tmp, 'task': sorted(os.listdir(os.environ['LAMBDA_TASK_ROOT'])), 'cwd': os.getcwd(),
                    'written': True}
        """;

    private readonly EngineHarness _harness = new(stemCells: 2);

    public void Dispose() => _harness.Dispose();

    private StemCellBank Bank => _harness.Engine.StemCells!;

    [Theory]
    [InlineData("nodejs20.x")]
    [InlineData("python3.12")]
    public async Task ColdStart_AfterThePoolIsPrimed_TakesAStemCell_WithItsOwnCodeEnvironmentAndInitDuration(string runtime)
    {
        var primer = await ProbeAsync(runtime, "primer", new Dictionary<string, string>());
        Assert.Equal(0, Bank.Specialised);
        await WaitForReadyCellsAsync(2);

        var spec = ProbeSpec(runtime, "celled", new Dictionary<string, string> { ["GREETING"] = "hello from the cell" });
        var found = await InvokeProbeAsync(spec);

        Assert.Equal(1, Bank.Specialised);
        Assert.Equal("hello from the cell", found.GetProperty("env").GetProperty("GREETING").GetString());
        Assert.Equal("celled", found.GetProperty("env").GetProperty("AWS_LAMBDA_FUNCTION_NAME").GetString());
        Assert.False(found.GetProperty("env").TryGetProperty("NIMBUS_STEM_CELL", out _));
        Assert.Equal(_harness.TaskRoot(spec.CodeDirectory), found.GetProperty("cwd").GetString());
        // Same runtime variables as the plain start gave the primer (the handler-specific ones aside).
        foreach (var name in (string[])["PATH", "LANG", "TZ", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR", "AWS_EXECUTION_ENV", "AWS_REGION"])
        {
            Assert.Equal(primer.GetProperty("env").GetProperty(name).GetString(), found.GetProperty("env").GetProperty(name).GetString());
        }
        var report = _harness.Logs.Messages(spec.LogGroupName).Single(m => m.StartsWith("REPORT", StringComparison.Ordinal));
        Assert.Matches(@"\tInit Duration: \d+\.\d\d ms\t", report);
    }

    [SandboxTheory]
    [InlineData("nodejs20.x")]
    [InlineData("python3.12")]
    public async Task StemCell_NeverCarriesAnotherFunctionsEnvironmentCodeOrTmp(string runtime)
    {
        {
            await ProbeAsync(runtime, "primer-" + runtime[..4], new Dictionary<string, string>());
            await WaitForReadyCellsAsync(2);
            var before = Bank.Specialised;

            var first = await ProbeAsync(runtime, "first-" + runtime[..4], new Dictionary<string, string> { ["SECRET"] = "s3cr3t-" + runtime },
                ("first-only.txt", "first's code"));
            await WaitForReadyCellsAsync(2);
            var second = await ProbeAsync(runtime, "second-" + runtime[..4], new Dictionary<string, string>());

            Assert.Equal(before + 2, Bank.Specialised);
            // The probe can see a secret when one is there…
            Assert.Equal("s3cr3t-" + runtime, first.GetProperty("env").GetProperty("SECRET").GetString());
            Assert.Contains("first-only.txt", first.GetProperty("task").EnumerateArray().Select(e => e.GetString()));
            // …and the next function's cell has none of the first's: variables, initial environ block, code, /tmp.
            Assert.False(second.GetProperty("env").TryGetProperty("SECRET", out _));
            Assert.DoesNotContain("s3cr3t", second.GetProperty("environ").GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain("first-only.txt", second.GetProperty("task").EnumerateArray().Select(e => e.GetString()));
            Assert.Empty(second.GetProperty("tmp").EnumerateArray());
        }
    }

    [Fact]
    public async Task StemCell_InitError_IsReportedAsOnAPlainStart()
    {
        await ProbeAsync("python3.12", "primer", new Dictionary<string, string>());
        await WaitForReadyCellsAsync(2);
        var code = _harness.WriteCode(("app.py", "def handler(event, context):\n    return 1\n"));
        var spec = EngineHarness.Spec("python3.12", "missing.handler", code);

        var outcome = await _harness.InvokeAsync(spec, EngineHarness.Request());

        Assert.Equal(1, Bank.Specialised);
        Assert.Equal(InvocationStatus.FunctionError, outcome.Status);
        var error = JsonDocument.Parse(Encoding.UTF8.GetString(outcome.Payload.Span)).RootElement;
        Assert.Equal("Runtime.ImportModuleError", error.GetProperty("errorType").GetString());
    }

    [SandboxFact(cgroups: true)]
    public async Task StemCell_GetsTheFunctionsMemoryLimit_AndIsKilledPastIt()
    {
        await ProbeAsync("python3.12", "primer", new Dictionary<string, string>());
        await WaitForReadyCellsAsync(2);
        var code = _harness.WriteCode(("app.py", "def handler(event, context):\n    big = b'x' * (300 * 1024 * 1024)\n    return len(big)\n"));
        // At 7 % of a core (and on a loaded host) filling 128 MB can take seconds: the timeout is not what is tested.
        var spec = EngineHarness.Spec("python3.12", "app.handler", code, timeoutSeconds: 30);
        var request = EngineHarness.Request();

        var outcome = await _harness.InvokeAsync(spec, request, seconds: 60);

        Assert.Equal(1, Bank.Specialised);
        Assert.True(outcome.Status == InvocationStatus.RuntimeExited, $"{outcome.Status}: {Encoding.UTF8.GetString(outcome.Payload.Span)}");
        var error = JsonDocument.Parse(Encoding.UTF8.GetString(outcome.Payload.Span)).RootElement;
        Assert.Equal($"RequestId: {request.RequestId} Error: Runtime exited with error: signal: killed", error.GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task Function_SettingAStartUpVariable_StartsThePlainWay()
    {
        await ProbeAsync("nodejs20.x", "primer", new Dictionary<string, string>());
        await WaitForReadyCellsAsync(2);

        var found = await ProbeAsync("nodejs20.x", "options", new Dictionary<string, string> { ["NODE_OPTIONS"] = "--no-warnings" });

        Assert.Equal(0, Bank.Specialised);
        Assert.Equal("--no-warnings", found.GetProperty("env").GetProperty("NODE_OPTIONS").GetString());
        Assert.True(StemCellBank.ActsAtStartUp("PYTHONPATH"));
        Assert.False(StemCellBank.ActsAtStartUp("TABLE_NAME"));
    }

    private EnvironmentSpec ProbeSpec(string runtime, string name, IReadOnlyDictionary<string, string> environment,
        params (string Path, string Content)[] extra)
    {
        var python = runtime.StartsWith("python", StringComparison.Ordinal);
        var code = _harness.WriteCode([(python ? "app.py" : "index.js", python ? PythonProbe : NodeProbe), .. extra]);
        return EngineHarness.Spec(runtime, python ? "app.handler" : "index.handler", code, timeoutSeconds: 10, environment, name);
    }

    private Task<JsonElement> ProbeAsync(string runtime, string name, IReadOnlyDictionary<string, string> environment,
        params (string Path, string Content)[] extra) => InvokeProbeAsync(ProbeSpec(runtime, name, environment, extra));

    private async Task<JsonElement> InvokeProbeAsync(EnvironmentSpec spec)
    {
        var outcome = await _harness.InvokeAsync(spec, EngineHarness.Request());
        var payload = Encoding.UTF8.GetString(outcome.Payload.Span);
        Assert.True(outcome.Status == InvocationStatus.Success, payload);
        return JsonDocument.Parse(payload).RootElement.Clone();
    }

    /// <summary>Waits (bounded) until the background refill has spawned <paramref name="count"/> cells.</summary>
    private async Task WaitForReadyCellsAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Bank.Ready < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Stalled waiting for {count} stem cells (ready: {Bank.Ready})");
            await Task.Delay(20);
        }
    }
}
