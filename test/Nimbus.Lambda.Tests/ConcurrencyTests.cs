using System.Net;
using Nimbus.Execution;
using Nimbus.Lambda.Tests.Infrastructure;

namespace Nimbus.Lambda.Tests;

/// <summary>Throttling with an engine double that holds invocations until the test releases them.</summary>
public sealed class ConcurrencyTests : IAsyncLifetime
{
    private LambdaTestHost _host = null!;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _started;
    private readonly TaskCompletionSource _allStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _expectedStarts;

    public async Task InitializeAsync() => _host = await LambdaTestHost.StartAsync(new LambdaOptions { AccountConcurrencyLimit = 110 });

    public async Task DisposeAsync()
    {
        _release.TrySetResult();
        await _host.DisposeAsync();
    }

    private void HoldInvocations(int expectedStarts)
    {
        _expectedStarts = expectedStarts;
        _host.Engine.Handler = async (spec, request, ct) =>
        {
            if (Interlocked.Increment(ref _started) == _expectedStarts)
            {
                _allStarted.TrySetResult();
            }
            await _release.Task.WaitAsync(ct);
            return new InvocationOutcome { Status = InvocationStatus.Success, Payload = request.Payload };
        };
    }

    [Fact]
    public async Task Invoke_BeyondReservedConcurrency_Returns429WithReservedReason()
    {
        await _host.CreateFunctionAsync("limited");
        await _host.CallAsync(HttpMethod.Put, "/2017-10-31/functions/limited/concurrency", "{\"ReservedConcurrentExecutions\": 2}");
        HoldInvocations(2);
        var running = new[] { _host.InvokeAsync("limited"), _host.InvokeAsync("limited") };
        await _allStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var throttled = await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/limited/invocations", "{}");

        ResponseAssert.Error(throttled, HttpStatusCode.TooManyRequests, "TooManyRequestsException", "Rate Exceeded.");
        Assert.Equal("ReservedFunctionConcurrentInvocationLimitExceeded", throttled.Body!["Reason"]!.GetValue<string>());
        Assert.True(throttled.Response.Headers.Contains("Retry-After"));
        _release.TrySetResult();
        foreach (var result in await Task.WhenAll(running))
        {
            Assert.Equal(HttpStatusCode.OK, result.Status);
        }
        // Slots are given back: the next invoke runs.
        Assert.Equal(HttpStatusCode.OK, (await _host.InvokeAsync("limited")).Status);
    }

    [Fact]
    public async Task Invoke_WithReservedConcurrencyZero_ThrottlesEveryInvoke()
    {
        await _host.CreateFunctionAsync("off");
        await _host.CallAsync(HttpMethod.Put, "/2017-10-31/functions/off/concurrency", "{\"ReservedConcurrentExecutions\": 0}");
        var result = await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/off/invocations", "{}");
        ResponseAssert.Error(result, HttpStatusCode.TooManyRequests, "TooManyRequestsException");
        Assert.Equal("ReservedFunctionConcurrentInvocationLimitExceeded", result.Body!["Reason"]!.GetValue<string>());
        Assert.Empty(_host.Engine.Calls);
    }

    [Fact]
    public async Task Invoke_BeyondUnreservedAccountPool_Returns429WithAccountReason()
    {
        // Account limit 110, 10 reserved elsewhere: unreserved functions share 100.
        await _host.CreateFunctionAsync("reserver");
        await _host.CallAsync(HttpMethod.Put, "/2017-10-31/functions/reserver/concurrency", "{\"ReservedConcurrentExecutions\": 10}");
        await _host.CreateFunctionAsync("shared");
        HoldInvocations(100);
        var running = Enumerable.Range(0, 100).Select(_ => _host.Invoker.InvokeAsync(
            new Service.InvokeCommand(Core.AwsScope.Default, "shared", null, "{}"u8.ToArray(), Core.Invocation.InvocationKind.RequestResponse), default)).ToList();
        await _allStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var throttled = await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/shared/invocations", "{}");

        ResponseAssert.Error(throttled, HttpStatusCode.TooManyRequests, "TooManyRequestsException");
        Assert.Equal("ConcurrentInvocationLimitExceeded", throttled.Body!["Reason"]!.GetValue<string>());
        _release.TrySetResult();
        await Task.WhenAll(running);
    }

    [Fact]
    public async Task PutFunctionConcurrency_LeavingLessThan100Unreserved_IsRejected()
    {
        await _host.CreateFunctionAsync("greedy");
        var result = await _host.CallAsync(HttpMethod.Put, "/2017-10-31/functions/greedy/concurrency", "{\"ReservedConcurrentExecutions\": 11}");
        ResponseAssert.Error(result, HttpStatusCode.BadRequest, "InvalidParameterValueException",
            "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [100].");
    }

    [Fact]
    public async Task FunctionConcurrency_PutGetDelete()
    {
        await _host.CreateFunctionAsync("pgd");
        var (put, body, _) = await _host.CallAsync(HttpMethod.Put, "/2017-10-31/functions/pgd/concurrency", "{\"ReservedConcurrentExecutions\": 3}");
        Assert.Equal(HttpStatusCode.OK, put);
        Assert.Equal(3, body!["ReservedConcurrentExecutions"]!.GetValue<int>());
        var (_, got, _) = await _host.CallAsync(HttpMethod.Get, "/2019-09-30/functions/pgd/concurrency");
        Assert.Equal(3, got!["ReservedConcurrentExecutions"]!.GetValue<int>());
        var (deleted, _, _) = await _host.CallAsync(HttpMethod.Delete, "/2017-10-31/functions/pgd/concurrency");
        Assert.Equal(HttpStatusCode.NoContent, deleted);
        var (_, after, _) = await _host.CallAsync(HttpMethod.Get, "/2019-09-30/functions/pgd/concurrency");
        Assert.Null(after!["ReservedConcurrentExecutions"]);
    }

    [Fact]
    public async Task PutFunctionConcurrency_WithoutValue_ReturnsValidationException()
    {
        await _host.CreateFunctionAsync("noval");
        var result = await _host.CallAsync(HttpMethod.Put, "/2017-10-31/functions/noval/concurrency", "{}");
        ResponseAssert.Error(result, HttpStatusCode.BadRequest, "ValidationException");
    }
}
