using System.Text;
using System.Text.Json;
using Nimbus.Execution.Tests.Infrastructure;

namespace Nimbus.Execution.Tests;

public sealed class NodeFeatureTests : IDisposable
{
    private const string Runtime = "nodejs20.x";
    private readonly EngineHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private static string Text(InvocationOutcome outcome) => Encoding.UTF8.GetString(outcome.Payload.Span);

    private static JsonElement Json(InvocationOutcome outcome) => JsonDocument.Parse(outcome.Payload).RootElement;

    [Fact]
    public async Task Invoke_MjsModule_LoadsAsEsModule()
    {
        var code = _harness.WriteCode(("lib/app.mjs", "export const handler = async (e) => ({ esm: typeof require === 'undefined', v: e.v });"));
        var outcome = await _harness.InvokeAsync(EngineHarness.Spec(Runtime, "lib/app.handler", code), EngineHarness.Request("""{"v":7}"""));

        Assert.Equal("""{"esm":true,"v":7}""", Text(outcome));
    }

    [Fact]
    public async Task Invoke_JsInTypeModulePackage_LoadsAsEsModule()
    {
        var code = _harness.WriteCode(("package.json", """{"type":"module"}"""),
            ("index.js", "import { helper } from './helper.js'; export async function handler() { return helper(); }"),
            ("helper.js", "export const helper = () => 'from esm';"));
        var outcome = await _harness.InvokeAsync(EngineHarness.Spec(Runtime, "index.handler", code), EngineHarness.Request());

        Assert.Equal("\"from esm\"", Text(outcome));
    }

    [Fact]
    public async Task Invoke_CallbackHandler_WaitsForEmptyEventLoopBeforeAnswering()
    {
        var code = _harness.WriteCode(("index.js", """
            exports.handler = (event, context, callback) => {
              callback(null, { ok: true });
              setTimeout(() => console.log('after callback'), 50);
            };
            """));
        var spec = EngineHarness.Spec(Runtime, "index.handler", code);
        var request = EngineHarness.Request();

        var outcome = await _harness.InvokeAsync(spec, request);

        Assert.Equal("""{"ok":true}""", Text(outcome));
        // The timer ran before the answer, so its line is part of this invocation.
        Assert.Contains(_harness.Logs.Invocation(spec.LogGroupName, request.RequestId), l => l.EndsWith("\tINFO\tafter callback", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invoke_CallbackHandler_WithCallbackWaitsDisabled_AnswersImmediately()
    {
        var code = _harness.WriteCode(("index.js", """
            exports.handler = (event, context, callback) => {
              context.callbackWaitsForEmptyEventLoop = false;
              setTimeout(() => {}, 30000);
              callback(new Error('nope'));
            };
            """));
        var outcome = await _harness.InvokeAsync(EngineHarness.Spec(Runtime, "index.handler", code), EngineHarness.Request());

        Assert.Equal(InvocationStatus.FunctionError, outcome.Status);
        Assert.Equal("nope", Json(outcome).GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task Invoke_Context_CarriesInvocationAndFunctionFields()
    {
        var code = _harness.WriteCode(("index.js", """
            exports.handler = async (event, context) => ({
              awsRequestId: context.awsRequestId, functionName: context.functionName, functionVersion: context.functionVersion,
              invokedFunctionArn: context.invokedFunctionArn, memoryLimitInMB: context.memoryLimitInMB,
              logGroupName: context.logGroupName, logStreamName: context.logStreamName,
              remaining: context.getRemainingTimeInMillis(), clientContext: context.clientContext, identity: context.identity,
            });
            """));
        var spec = EngineHarness.Spec(Runtime, "index.handler", code, timeoutSeconds: 5);
        var request = EngineHarness.Request() with { ClientContext = """{"custom":{"k":"v"}}""", CognitoIdentity = """{"cognitoIdentityId":"id-1"}""" };

        var context = Json(await _harness.InvokeAsync(spec, request));

        Assert.Equal(request.RequestId, context.GetProperty("awsRequestId").GetString());
        Assert.Equal(spec.FunctionName, context.GetProperty("functionName").GetString());
        Assert.Equal("$LATEST", context.GetProperty("functionVersion").GetString());
        Assert.Equal(request.InvokedFunctionArn, context.GetProperty("invokedFunctionArn").GetString());
        Assert.Equal("128", context.GetProperty("memoryLimitInMB").GetString());
        Assert.Equal(spec.LogGroupName, context.GetProperty("logGroupName").GetString());
        Assert.Equal(Assert.Single(_harness.Logs.Streams(spec.LogGroupName)), context.GetProperty("logStreamName").GetString());
        Assert.InRange(context.GetProperty("remaining").GetInt32(), 3000, 5000);
        Assert.Equal("v", context.GetProperty("clientContext").GetProperty("custom").GetProperty("k").GetString());
        Assert.Equal("id-1", context.GetProperty("identity").GetProperty("cognitoIdentityId").GetString());
    }

    [Fact]
    public async Task Invoke_Environment_HasLambdaVariablesAndUserVariablesCannotOverrideReservedOnes()
    {
        var code = _harness.WriteCode(("index.js", "exports.handler = async () => process.env;"));
        var spec = EngineHarness.Spec(Runtime, "index.handler", code,
            environment: new Dictionary<string, string> { ["MY_SETTING"] = "42", ["AWS_REGION"] = "mars-1", ["_HANDLER"] = "x.y" });

        var env = Json(await _harness.InvokeAsync(spec, EngineHarness.Request()));

        Assert.Equal("42", env.GetProperty("MY_SETTING").GetString());
        Assert.Equal("eu-west-1", env.GetProperty("AWS_REGION").GetString());
        Assert.Equal("eu-west-1", env.GetProperty("AWS_DEFAULT_REGION").GetString());
        Assert.Equal("index.handler", env.GetProperty("_HANDLER").GetString());
        Assert.Equal(spec.FunctionName, env.GetProperty("AWS_LAMBDA_FUNCTION_NAME").GetString());
        Assert.Equal("$LATEST", env.GetProperty("AWS_LAMBDA_FUNCTION_VERSION").GetString());
        Assert.Equal("128", env.GetProperty("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").GetString());
        Assert.Equal(spec.LogGroupName, env.GetProperty("AWS_LAMBDA_LOG_GROUP_NAME").GetString());
        Assert.Equal("AWS_Lambda_nodejs20.x", env.GetProperty("AWS_EXECUTION_ENV").GetString());
        Assert.Equal("on-demand", env.GetProperty("AWS_LAMBDA_INITIALIZATION_TYPE").GetString());
        Assert.Equal(_harness.TaskRoot(code), env.GetProperty("LAMBDA_TASK_ROOT").GetString());
        Assert.Equal("123456789012", env.GetProperty("AWS_ACCESS_KEY_ID").GetString());
        Assert.Equal("http://127.0.0.1:4566", env.GetProperty("AWS_ENDPOINT_URL").GetString());
        Assert.Equal(":UTC", env.GetProperty("TZ").GetString());
        Assert.Matches(@"^127\.0\.0\.1:\d+$", env.GetProperty("AWS_LAMBDA_RUNTIME_API").GetString());
        Assert.EndsWith(_harness.TaskRoot(code), env.GetProperty("NODE_PATH").GetString());
    }

    [Fact]
    public async Task Invoke_ManyLinesPrintedJustBeforeReturning_AllAppearBeforeEnd()
    {
        // 2,000 lines of 100 bytes overflow the 64 KB pipe: the reader thread and the drain at END both take part.
        var code = _harness.WriteCode(("index.js", """
            exports.handler = async (e) => {
              for (let i = 0; i < 2000; i++) process.stdout.write(`line ${i} ${'x'.repeat(90)}\n`);
              process.stdout.write('no newline at the end');
              return e.n;
            };
            """));
        var spec = EngineHarness.Spec(Runtime, "index.handler", code);
        for (var round = 0; round < 3; round++)
        {
            var request = EngineHarness.Request($$"""{"n":{{round}}}""");
            var outcome = await _harness.InvokeAsync(spec, request, phase: $"round {round}");

            Assert.Equal(round.ToString(), Text(outcome));
            var lines = _harness.Logs.Invocation(spec.LogGroupName, request.RequestId);
            Assert.Equal(2000 + 4, lines.Count);
            Assert.StartsWith("line 0 ", lines[1]);
            Assert.StartsWith("line 1999 ", lines[2000]);
            Assert.Equal("no newline at the end", lines[2001]);
            Assert.Equal($"END RequestId: {request.RequestId}", lines[2002]);
        }
    }

    [Fact]
    public async Task Invoke_MultiLineConsoleMessage_StaysOneEvent()
    {
        var code = _harness.WriteCode(("index.js", "exports.handler = async () => { console.error('first\\nsecond'); return 1; };"));
        var spec = EngineHarness.Spec(Runtime, "index.handler", code);
        var request = EngineHarness.Request();

        await _harness.InvokeAsync(spec, request);

        var lines = _harness.Logs.Invocation(spec.LogGroupName, request.RequestId);
        Assert.EndsWith("\tERROR\tfirst\nsecond", lines[1]);
        Assert.Equal($"END RequestId: {request.RequestId}", lines[2]);
    }

    [Fact]
    public async Task Invoke_WithLogTail_ReturnsLastFourKilobytesOfThisInvocation()
    {
        var code = _harness.WriteCode(("index.js", "exports.handler = async (e) => { for (let i = 0; i < e.lines; i++) console.log('tail line ' + i); return 1; };"));
        var spec = EngineHarness.Spec(Runtime, "index.handler", code);
        await _harness.InvokeAsync(spec, EngineHarness.Request("""{"lines":3}"""));
        var small = EngineHarness.Request("""{"lines":2}""", tail: true);

        var outcome = await _harness.InvokeAsync(spec, small);

        Assert.NotNull(outcome.LogTail);
        Assert.StartsWith($"START RequestId: {small.RequestId} Version: $LATEST\n", outcome.LogTail);
        Assert.Contains("\tINFO\ttail line 1\n", outcome.LogTail);
        Assert.Contains($"END RequestId: {small.RequestId}\nREPORT RequestId: {small.RequestId}\t", outcome.LogTail);

        var big = await _harness.InvokeAsync(spec, EngineHarness.Request("""{"lines":500}""", tail: true));
        Assert.Equal(4096, Encoding.UTF8.GetByteCount(big.LogTail!));
        Assert.EndsWith("\n", big.LogTail);
        Assert.Contains("REPORT RequestId:", big.LogTail);
    }

    [Fact]
    public async Task Invoke_WarmInvocation_AppendsLogsOncePerInvocation()
    {
        var code = _harness.WriteCode(("index.js", "exports.handler = async () => { for (let i = 0; i < 50; i++) console.log(i); return 1; };"));
        var spec = EngineHarness.Spec(Runtime, "index.handler", code);
        await _harness.InvokeAsync(spec, EngineHarness.Request());
        var before = _harness.Logs.AppendCalls;

        await _harness.InvokeAsync(spec, EngineHarness.Request());

        Assert.Equal(1, _harness.Logs.AppendCalls - before);
    }
}
