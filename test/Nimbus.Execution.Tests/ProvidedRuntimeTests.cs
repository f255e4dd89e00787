using System.Text;
using System.Text.Json;
using Nimbus.Execution.Tests.Infrastructure;

namespace Nimbus.Execution.Tests;

public sealed class ProvidedRuntimeTests : IDisposable
{
    private readonly EngineHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    // The custom-runtime tutorial's bootstrap (docs.aws.amazon.com/lambda/latest/dg/runtimes-walkthrough.html), with curl.
    private const string BashBootstrap = """
        #!/bin/bash
        set -euo pipefail
        echo "init in $LAMBDA_TASK_ROOT"
        while true; do
          HEADERS="$(mktemp)"
          EVENT_DATA=$(curl -sS -LD "$HEADERS" "http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/invocation/next")
          REQUEST_ID=$(grep -Fi Lambda-Runtime-Aws-Request-Id "$HEADERS" | tr -d '[:space:]' | cut -d: -f2)
          echo "handling $EVENT_DATA"
          curl -sS -o /dev/null "http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/invocation/$REQUEST_ID/response" -d "{\"echo\":$EVENT_DATA,\"handler\":\"$_HANDLER\"}"
        done
        """;

    [Fact]
    public async Task Invoke_BashBootstrapWithCurl_AnswersThroughRuntimeApi()
    {
        var code = _harness.WriteCode(("bootstrap", BashBootstrap));
        var spec = EngineHarness.Spec("provided.al2023", "function.handler", code);
        var first = EngineHarness.Request("""{"n":1}""");

        var outcome = await _harness.InvokeAsync(spec, first);
        var warm = await _harness.InvokeAsync(spec, EngineHarness.Request("""{"n":2}"""));

        Assert.Equal(InvocationStatus.Success, outcome.Status);
        Assert.Equal("""{"echo":{"n":1},"handler":"function.handler"}""", Encoding.UTF8.GetString(outcome.Payload.Span));
        Assert.Equal("""{"echo":{"n":2},"handler":"function.handler"}""", Encoding.UTF8.GetString(warm.Payload.Span));
        Assert.Null(warm.InitDurationMs);
        var messages = _harness.Logs.Messages(spec.LogGroupName);
        Assert.Equal($"init in {_harness.TaskRoot(code)}", messages[0]);
        Assert.Contains("""handling {"n":1}""", _harness.Logs.Invocation(spec.LogGroupName, first.RequestId));
    }

    [Fact]
    public async Task Invoke_WhenBootstrapMissing_ReturnsInvalidEntrypoint()
    {
        var code = _harness.WriteCode(("readme.txt", "no bootstrap here"));

        var outcome = await _harness.InvokeAsync(EngineHarness.Spec("provided.al2", "h", code), EngineHarness.Request());

        Assert.Equal(InvocationStatus.FunctionError, outcome.Status);
        Assert.Equal("Runtime.InvalidEntrypoint", JsonDocument.Parse(outcome.Payload).RootElement.GetProperty("errorType").GetString());
    }

    [Fact]
    public async Task Invoke_WhenBootstrapExitsDuringInit_ReturnsExitError()
    {
        var code = _harness.WriteCode(("bootstrap", "#!/bin/sh\necho failing init\nexit 3\n"));
        var request = EngineHarness.Request();

        var outcome = await _harness.InvokeAsync(EngineHarness.Spec("provided.al2023", "h", code), request);

        Assert.Equal(InvocationStatus.FunctionError, outcome.Status);
        Assert.Equal($"RequestId: {request.RequestId} Error: Runtime exited with error: exit status 3",
            JsonDocument.Parse(outcome.Payload).RootElement.GetProperty("errorMessage").GetString());
    }
}
