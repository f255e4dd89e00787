using System.Text;
using System.Text.Json;
using Nimbus.Execution.Tests.Infrastructure;

namespace Nimbus.Execution.Tests;

public sealed class NodeFailureTests : IDisposable
{
    private const string Runtime = "nodejs20.x";
    private readonly EngineHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private static JsonElement Json(InvocationOutcome outcome) => JsonDocument.Parse(outcome.Payload).RootElement;

    [Fact]
    public async Task Invoke_WhenHandlerThrows_ReturnsFunctionErrorWithAwsErrorDocument()
    {
        var code = _harness.WriteCode(("index.js", "exports.handler = async () => { throw new TypeError('bad input'); };"));
        var spec = EngineHarness.Spec(Runtime, "index.handler", code);
        var request = EngineHarness.Request();

        var outcome = await _harness.InvokeAsync(spec, request);

        Assert.Equal(InvocationStatus.FunctionError, outcome.Status);
        var error = Json(outcome);
        Assert.Equal("TypeError", error.GetProperty("errorType").GetString());
        Assert.Equal("bad input", error.GetProperty("errorMessage").GetString());
        Assert.StartsWith("TypeError: bad input", error.GetProperty("trace")[0].GetString());
        var lines = _harness.Logs.Invocation(spec.LogGroupName, request.RequestId);
        Assert.Contains(lines, l => l.Contains("\tERROR\tInvoke Error \t{\"errorType\":\"TypeError\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invoke_WhenTimeoutExceeded_ReturnsTaskTimedOut()
    {
        var code = _harness.WriteCode(("index.js", "exports.handler = (e) => new Promise(r => { if (e.hang) setTimeout(r, 60000); else r(process.pid); });"));
        var spec = EngineHarness.Spec(Runtime, "index.handler", code, timeoutSeconds: 1);
        var request = EngineHarness.Request("""{"hang":true}""");

        var outcome = await _harness.InvokeAsync(spec, request, phase: "waiting for the timeout");

        Assert.True(outcome.Status == InvocationStatus.Timeout, $"{outcome.Status}: {Encoding.UTF8.GetString(outcome.Payload.Span)}");
        Assert.Equal("Sandbox.Timedout", Json(outcome).GetProperty("errorType").GetString());
        Assert.Equal($"RequestId: {request.RequestId} Error: Task timed out after 1.00 seconds", Json(outcome).GetProperty("errorMessage").GetString());
        Assert.InRange(outcome.DurationMs, 1000, 5000);
        var lines = _harness.Logs.Invocation(spec.LogGroupName, request.RequestId);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z " + request.RequestId + " Task timed out after 1.00 seconds$", lines[^3]);

        var next = await _harness.InvokeAsync(spec, EngineHarness.Request(), phase: "invoking after the timeout");
        Assert.Equal(InvocationStatus.Success, next.Status);
        Assert.NotNull(next.InitDurationMs);
    }

    [Fact]
    public async Task Invoke_WhenProcessExitsMidInvoke_ReturnsRuntimeExitErrorAndNextInvokeColdStarts()
    {
        var code = _harness.WriteCode(("index.js", "exports.handler = async (e) => { if (e.crash) { console.log('bye'); process.exit(1); } return 'ok'; };"));
        var spec = EngineHarness.Spec(Runtime, "index.handler", code);
        var request = EngineHarness.Request("""{"crash":true}""");

        var outcome = await _harness.InvokeAsync(spec, request);

        Assert.Equal(InvocationStatus.RuntimeExited, outcome.Status);
        Assert.Equal("Runtime.ExitError", Json(outcome).GetProperty("errorType").GetString());
        Assert.Equal($"RequestId: {request.RequestId} Error: Runtime exited with error: exit status 1", Json(outcome).GetProperty("errorMessage").GetString());
        var lines = _harness.Logs.Invocation(spec.LogGroupName, request.RequestId);
        Assert.Contains(lines, l => l.EndsWith("\tINFO\tbye", StringComparison.Ordinal));

        var next = await _harness.InvokeAsync(spec, EngineHarness.Request(), phase: "invoking after the crash");
        Assert.Equal(InvocationStatus.Success, next.Status);
        Assert.NotNull(next.InitDurationMs);
    }

    [Fact]
    public async Task Invoke_WhenHandlerNotExported_ReturnsHandlerNotFound()
    {
        var code = _harness.WriteCode(("index.js", "exports.other = async () => 1;"));
        var outcome = await _harness.InvokeAsync(EngineHarness.Spec(Runtime, "index.handler", code), EngineHarness.Request());

        Assert.Equal(InvocationStatus.FunctionError, outcome.Status);
        Assert.Equal("Runtime.HandlerNotFound", Json(outcome).GetProperty("errorType").GetString());
        Assert.Equal("index.handler is undefined or not exported", Json(outcome).GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task Invoke_WhenModuleMissing_ReturnsImportModuleError()
    {
        var code = _harness.WriteCode(("other.js", "exports.handler = async () => 1;"));
        var outcome = await _harness.InvokeAsync(EngineHarness.Spec(Runtime, "index.handler", code), EngineHarness.Request());

        Assert.Equal(InvocationStatus.FunctionError, outcome.Status);
        Assert.Equal("Runtime.ImportModuleError", Json(outcome).GetProperty("errorType").GetString());
        Assert.StartsWith("Error: Cannot find module 'index'", Json(outcome).GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task Invoke_WhenModuleHasSyntaxError_ReturnsUserCodeSyntaxError()
    {
        var code = _harness.WriteCode(("index.js", "exports.handler = async () => { return 1;"));
        var outcome = await _harness.InvokeAsync(EngineHarness.Spec(Runtime, "index.handler", code), EngineHarness.Request());

        Assert.Equal(InvocationStatus.FunctionError, outcome.Status);
        Assert.Equal("Runtime.UserCodeSyntaxError", Json(outcome).GetProperty("errorType").GetString());
    }

    [Fact]
    public async Task Invoke_WhenResultCannotBeSerialized_ReturnsMarshalErrorAndEnvironmentStaysWarm()
    {
        var code = _harness.WriteCode(("index.js", "exports.handler = async (e) => { if (!e.ok) { const o = {}; o.self = o; return o; } return 'fine'; };"));
        var spec = EngineHarness.Spec(Runtime, "index.handler", code);

        var outcome = await _harness.InvokeAsync(spec, EngineHarness.Request());
        var next = await _harness.InvokeAsync(spec, EngineHarness.Request("""{"ok":true}"""));

        Assert.Equal("Runtime.MarshalError", Json(outcome).GetProperty("errorType").GetString());
        Assert.Equal(InvocationStatus.Success, next.Status);
        Assert.Null(next.InitDurationMs);
    }

    [Fact]
    public async Task Invoke_WhenUncaughtExceptionEscapes_ReturnsItAsFunctionErrorAndNextInvokeColdStarts()
    {
        var code = _harness.WriteCode(("index.js", "exports.handler = (e) => new Promise(() => { if (e.boom) setTimeout(() => { throw new RangeError('async boom'); }, 0); else throw new Error('never'); });"));
        var spec = EngineHarness.Spec(Runtime, "index.handler", code);

        var outcome = await _harness.InvokeAsync(spec, EngineHarness.Request("""{"boom":true}"""));

        Assert.Equal(InvocationStatus.FunctionError, outcome.Status);
        Assert.Equal("RangeError", Json(outcome).GetProperty("errorType").GetString());
        Assert.Equal("async boom", Json(outcome).GetProperty("errorMessage").GetString());
    }
}
