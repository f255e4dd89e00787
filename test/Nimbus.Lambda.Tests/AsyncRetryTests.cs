using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Nimbus.Execution;
using Nimbus.Lambda.Tests.Infrastructure;

namespace Nimbus.Lambda.Tests;

/// <summary>
/// The asynchronous worker on a fake clock: AWS's retry delays (1 then 2 minutes), MaximumRetryAttempts,
/// MaximumEventAgeInSeconds, destination records, and a scheduled retry that outlives a restart.
/// </summary>
public sealed class AsyncRetryTests : IAsyncLifetime
{
    private const string Arn = "arn:aws:lambda:us-east-1:000000000000:function:";
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-11-27T00:00:00Z"));
    private readonly ConcurrentQueue<(string Function, string Payload)> _calls = new();
    private LambdaTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await LambdaTestHost.StartAsync(time: _clock);
        // Functions named "fail*" fail; the others echo. Every call is recorded with its payload.
        _host.Engine.Handler = (spec, request, _) =>
        {
            var payload = Encoding.UTF8.GetString(request.Payload.Span);
            _calls.Enqueue((spec.FunctionName, payload));
            return Task.FromResult(spec.FunctionName.StartsWith("fail", StringComparison.Ordinal)
                ? new InvocationOutcome { Status = InvocationStatus.FunctionError, Payload = "{\"errorMessage\":\"bad\",\"errorType\":\"Exception\"}"u8.ToArray() }
                : new InvocationOutcome { Status = InvocationStatus.Success, Payload = request.Payload });
        };
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private int CallsTo(string function) => _calls.Count(c => c.Function == function);

    private JsonNode RecordSentTo(string function) => JsonNode.Parse(_calls.Single(c => c.Function == function).Payload)!;

    private async Task<string> InvokeEventAsync(string function, string payload)
    {
        var (status, _, response) = await _host.InvokeAsync(function, payload, configure: r => r.Headers.Add("X-Amz-Invocation-Type", "Event"));
        Assert.Equal(HttpStatusCode.Accepted, status);
        return response.Headers.GetValues("x-amzn-RequestId").Single();
    }

    private Task PutConfigAsync(string function, string body) => _host.CallAsync(HttpMethod.Put, $"/2019-09-25/functions/{function}/event-invoke-config", body);

    [Fact]
    public async Task FunctionError_RetriedAfterOneThenTwoMinutes_ThenOnFailureGetsTheRecord()
    {
        await _host.CreateFunctionAsync("fail-twice");
        await _host.CreateFunctionAsync("collector");
        await PutConfigAsync("fail-twice", $$$$"""{"DestinationConfig": {"OnFailure": {"Destination": "{{{{Arn}}}}collector"}}}""");

        var requestId = await InvokeEventAsync("fail-twice", """{"order":7}""");
        await Eventually.TrueAsync(() => CallsTo("fail-twice") == 1 && _host.Invoker.WaitingRetries == 1, "first attempt and its retry timer");
        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(1, CallsTo("fail-twice"));
        _clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(() => CallsTo("fail-twice") == 2 && _host.Invoker.WaitingRetries == 1, "first retry after 1 minute");
        _clock.Advance(TimeSpan.FromSeconds(119));
        Assert.Equal(2, CallsTo("fail-twice"));
        _clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(() => CallsTo("collector") == 1, "second retry after 2 more minutes, then the on-failure record");

        Assert.Equal(3, CallsTo("fail-twice"));
        var record = RecordSentTo("collector");
        Assert.Equal("1.0", record["version"]!.GetValue<string>());
        Assert.Equal("2026-11-27T00:03:00.000Z", record["timestamp"]!.GetValue<string>());
        Assert.Equal(requestId, record["requestContext"]!["requestId"]!.GetValue<string>());
        Assert.Equal(Arn + "fail-twice:$LATEST", record["requestContext"]!["functionArn"]!.GetValue<string>());
        Assert.Equal("RetriesExhausted", record["requestContext"]!["condition"]!.GetValue<string>());
        Assert.Equal(3, record["requestContext"]!["approximateInvokeCount"]!.GetValue<int>());
        Assert.Equal(7, record["requestPayload"]!["order"]!.GetValue<int>());
        Assert.Equal(200, record["responseContext"]!["statusCode"]!.GetValue<int>());
        Assert.Equal("$LATEST", record["responseContext"]!["executedVersion"]!.GetValue<string>());
        Assert.Equal("Unhandled", record["responseContext"]!["functionError"]!.GetValue<string>());
        Assert.Equal("bad", record["responsePayload"]!["errorMessage"]!.GetValue<string>());
        await Eventually.TrueAsync(() => _host.Invoker.PendingAsync == 0, "queue drained");
    }

    [Fact]
    public async Task MaximumRetryAttemptsZero_DoesNotRetry_AndSuccessGoesToOnSuccess()
    {
        await _host.CreateFunctionAsync("fail-once");
        await _host.CreateFunctionAsync("works");
        await _host.CreateFunctionAsync("audit");
        await PutConfigAsync("fail-once", """{"MaximumRetryAttempts": 0}""");
        await PutConfigAsync("works", $$$$"""{"DestinationConfig": {"OnSuccess": {"Destination": "{{{{Arn}}}}audit"}}}""");

        await InvokeEventAsync("fail-once", "{}");
        await InvokeEventAsync("works", """{"hello":"world"}""");
        await Eventually.TrueAsync(() => CallsTo("audit") == 1 && _host.Invoker.PendingAsync == 0, "on-success record delivered and queue drained");

        Assert.Equal(1, CallsTo("fail-once"));
        Assert.Equal(0, _host.Invoker.WaitingRetries);
        var record = RecordSentTo("audit");
        Assert.Equal("Success", record["requestContext"]!["condition"]!.GetValue<string>());
        Assert.Equal(1, record["requestContext"]!["approximateInvokeCount"]!.GetValue<int>());
        Assert.Equal("world", record["responsePayload"]!["hello"]!.GetValue<string>());
        Assert.Null(record["responseContext"]!["functionError"]);
    }

    [Fact]
    public async Task ScheduledRetry_SurvivesRestart_AndRunsWhenDue()
    {
        await _host.CreateFunctionAsync("fail-across-restart");
        await _host.CreateFunctionAsync("collector");
        await PutConfigAsync("fail-across-restart", $$$$"""{"MaximumRetryAttempts": 1, "DestinationConfig": {"OnFailure": {"Destination": "{{{{Arn}}}}collector"}}}""");
        await InvokeEventAsync("fail-across-restart", """{"keep":true}""");
        await Eventually.TrueAsync(() => CallsTo("fail-across-restart") == 1 && _host.Invoker.WaitingRetries == 1, "first attempt and its retry timer");

        await _host.RestartAsync();

        await Eventually.TrueAsync(() => _host.Invoker.WaitingRetries == 1, "the stored retry re-armed after the restart");
        Assert.Equal(1, CallsTo("fail-across-restart"));
        _clock.Advance(TimeSpan.FromMinutes(1));
        await Eventually.TrueAsync(() => CallsTo("collector") == 1, "the retry ran when due, then the on-failure record");
        Assert.Equal(2, CallsTo("fail-across-restart"));
        Assert.Equal(2, RecordSentTo("collector")["requestContext"]!["approximateInvokeCount"]!.GetValue<int>());
        Assert.Equal(0, _host.Invoker.WaitingRetries);
    }

    [Fact]
    public async Task ThrottledPastMaximumEventAge_IsDroppedToOnFailureWithEventAgeExceeded()
    {
        await _host.CreateFunctionAsync("throttled");
        await _host.CreateFunctionAsync("collector");
        await _host.CallAsync(HttpMethod.Put, "/2017-10-31/functions/throttled/concurrency", """{"ReservedConcurrentExecutions": 0}""");
        await PutConfigAsync("throttled", $$$$"""{"MaximumEventAgeInSeconds": 60, "DestinationConfig": {"OnFailure": {"Destination": "{{{{Arn}}}}collector"}}}""");

        await InvokeEventAsync("throttled", """{"late":true}""");
        // Throttles back off 1 s, 2 s, 4 s, …: step the clock through them until the event is older than 60 s.
        while (CallsTo("collector") == 0)
        {
            await Eventually.TrueAsync(() => _host.Invoker.WaitingRetries == 1 || CallsTo("collector") == 1, "a throttle retry timer or the record");
            if (_host.Invoker.WaitingRetries == 1)
            {
                _clock.Advance(TimeSpan.FromSeconds(16));
                await Eventually.TrueAsync(() => _host.Invoker.WaitingRetries == 0 || CallsTo("collector") == 1, "the throttle retry fired");
            }
        }

        Assert.Equal(0, CallsTo("throttled"));
        var record = RecordSentTo("collector");
        Assert.Equal("EventAgeExceeded", record["requestContext"]!["condition"]!.GetValue<string>());
        Assert.True(record["requestContext"]!["approximateInvokeCount"]!.GetValue<int>() >= 3);
        Assert.True(record["requestPayload"]!["late"]!.GetValue<bool>());
        Assert.Null(record["responseContext"]);
    }
}
