using System.Text;
using System.Text.Json;
using Nimbus.Execution.Tests.Infrastructure;

namespace Nimbus.Execution.Tests;

public sealed class PythonRuntimeTests : IDisposable
{
    private const string Runtime = "python3.12";
    private readonly EngineHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private static string Text(InvocationOutcome outcome) => Encoding.UTF8.GetString(outcome.Payload.Span);

    private static JsonElement Json(InvocationOutcome outcome) => JsonDocument.Parse(outcome.Payload).RootElement;

    [Fact]
    public async Task Invoke_Handler_ReturnsResultWithPrintAndLoggingInAwsFormat()
    {
        var code = _harness.WriteCode(("pkg/app.py", """
            import logging
            logger = logging.getLogger()
            logger.setLevel(logging.INFO)

            def handle(event, context):
                print("printed", event["name"])
                logger.info("logged\nacross lines")
                return {"hello": event["name"]}
            """), ("pkg/__init__.py", ""));
        var spec = EngineHarness.Spec(Runtime, "pkg/app.handle", code);
        var request = EngineHarness.Request("""{"name":"guido"}""");

        var outcome = await _harness.InvokeAsync(spec, request);

        Assert.Equal(InvocationStatus.Success, outcome.Status);
        Assert.Equal("""{"hello": "guido"}""", Text(outcome));
        var lines = _harness.Logs.Invocation(spec.LogGroupName, request.RequestId);
        Assert.Equal("printed guido", lines[1]);
        Assert.Matches(@"^\[INFO\]\t\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\t" + request.RequestId + "\tlogged\nacross lines$", lines[2]);
        Assert.Equal($"END RequestId: {request.RequestId}", lines[3]);
    }

    [Fact]
    public async Task Invoke_ManyPrintsJustBeforeReturning_AllAppearBeforeEnd()
    {
        var code = _harness.WriteCode(("app.py", """
            def handler(event, context):
                for i in range(3000):
                    print("line", i, "x" * 80)
                return "done"
            """));
        var spec = EngineHarness.Spec(Runtime, "app.handler", code);
        var request = EngineHarness.Request();

        await _harness.InvokeAsync(spec, request);

        var lines = _harness.Logs.Invocation(spec.LogGroupName, request.RequestId);
        Assert.Equal(3000 + 3, lines.Count);
        Assert.StartsWith("line 2999 ", lines[3000]);
    }

    [Fact]
    public async Task Invoke_WhenHandlerRaises_ReturnsErrorDocumentWithStackTrace()
    {
        var code = _harness.WriteCode(("app.py", """
            def handler(event, context):
                raise ValueError("bad value")
            """));
        var spec = EngineHarness.Spec(Runtime, "app.handler", code);
        var request = EngineHarness.Request();

        var outcome = await _harness.InvokeAsync(spec, request);

        Assert.Equal(InvocationStatus.FunctionError, outcome.Status);
        var error = Json(outcome);
        Assert.Equal("bad value", error.GetProperty("errorMessage").GetString());
        Assert.Equal("ValueError", error.GetProperty("errorType").GetString());
        Assert.Equal(request.RequestId, error.GetProperty("requestId").GetString());
        Assert.Contains("app.py", error.GetProperty("stackTrace")[0].GetString());
        Assert.Contains(_harness.Logs.Invocation(spec.LogGroupName, request.RequestId), l => l.StartsWith("[ERROR] ValueError: bad value", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invoke_WhenModuleMissing_ReturnsImportModuleError()
    {
        var code = _harness.WriteCode(("other.py", ""));
        var outcome = await _harness.InvokeAsync(EngineHarness.Spec(Runtime, "missing.handler", code), EngineHarness.Request());

        Assert.Equal(InvocationStatus.FunctionError, outcome.Status);
        Assert.Equal("Runtime.ImportModuleError", Json(outcome).GetProperty("errorType").GetString());
        Assert.Equal("Unable to import module 'missing': No module named 'missing'", Json(outcome).GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task Invoke_WhenFunctionMissing_ReturnsHandlerNotFound()
    {
        var code = _harness.WriteCode(("app.py", "def other(event, context):\n    return 1\n"));
        var outcome = await _harness.InvokeAsync(EngineHarness.Spec(Runtime, "app.handler", code), EngineHarness.Request());

        Assert.Equal(InvocationStatus.FunctionError, outcome.Status);
        Assert.Equal("Runtime.HandlerNotFound", Json(outcome).GetProperty("errorType").GetString());
        Assert.Equal("Handler 'handler' missing on module 'app'", Json(outcome).GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task Invoke_Context_CarriesInvocationAndFunctionFields()
    {
        var code = _harness.WriteCode(("app.py", """
            import os
            def handler(event, context):
                return {
                    "aws_request_id": context.aws_request_id, "function_name": context.function_name,
                    "function_version": context.function_version, "invoked_function_arn": context.invoked_function_arn,
                    "memory_limit_in_mb": context.memory_limit_in_mb, "log_group_name": context.log_group_name,
                    "log_stream_name": context.log_stream_name, "remaining": context.get_remaining_time_in_millis(),
                    "execution_env": os.environ["AWS_EXECUTION_ENV"],
                }
            """));
        var spec = EngineHarness.Spec(Runtime, "app.handler", code);
        var request = EngineHarness.Request();

        var context = Json(await _harness.InvokeAsync(spec, request));

        Assert.Equal(request.RequestId, context.GetProperty("aws_request_id").GetString());
        Assert.Equal(spec.FunctionName, context.GetProperty("function_name").GetString());
        Assert.Equal("$LATEST", context.GetProperty("function_version").GetString());
        Assert.Equal(request.InvokedFunctionArn, context.GetProperty("invoked_function_arn").GetString());
        Assert.Equal("128", context.GetProperty("memory_limit_in_mb").GetString());
        Assert.Equal(spec.LogGroupName, context.GetProperty("log_group_name").GetString());
        Assert.Equal(Assert.Single(_harness.Logs.Streams(spec.LogGroupName)), context.GetProperty("log_stream_name").GetString());
        Assert.InRange(context.GetProperty("remaining").GetInt32(), 1000, 3000);
        Assert.Equal("AWS_Lambda_python3.12", context.GetProperty("execution_env").GetString());
    }

    [Fact]
    public async Task Invoke_WhenTimeoutExceeded_ReturnsTaskTimedOut()
    {
        var code = _harness.WriteCode(("app.py", "import time\ndef handler(event, context):\n    time.sleep(30)\n"));
        var request = EngineHarness.Request();

        var outcome = await _harness.InvokeAsync(EngineHarness.Spec(Runtime, "app.handler", code, timeoutSeconds: 1), request);

        Assert.Equal(InvocationStatus.Timeout, outcome.Status);
        Assert.Equal($"RequestId: {request.RequestId} Error: Task timed out after 1.00 seconds", Json(outcome).GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task Invoke_WhenHandlerCallsSysExit_ReturnsRuntimeExitError()
    {
        var code = _harness.WriteCode(("app.py", "import sys\ndef handler(event, context):\n    print('leaving')\n    sys.exit(2)\n"));
        var spec = EngineHarness.Spec(Runtime, "app.handler", code);
        var request = EngineHarness.Request();

        var outcome = await _harness.InvokeAsync(spec, request);

        Assert.Equal(InvocationStatus.RuntimeExited, outcome.Status);
        Assert.Equal($"RequestId: {request.RequestId} Error: Runtime exited with error: exit status 2", Json(outcome).GetProperty("errorMessage").GetString());
        Assert.Contains("leaving", _harness.Logs.Invocation(spec.LogGroupName, request.RequestId));
    }
}
