namespace Nimbus.Lambda;

/// <summary>Settings of the Lambda service.</summary>
public sealed record LambdaOptions
{
    /// <summary>Concurrent executions per account and region (AWS's default quota is 1,000).</summary>
    public int AccountConcurrencyLimit { get; init; } = 1000;

    /// <summary>How long an invoke of a <c>Pending</c> function waits for it to become <c>Active</c>.</summary>
    public TimeSpan PendingInvokeWait { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Workers draining the asynchronous invocation queue.</summary>
    public int AsyncWorkers { get; init; } = 16;

    /// <summary>
    /// Waits before the retries of an asynchronous invocation whose function failed: AWS waits about 1 minute, then
    /// about 2 (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html). A retry beyond the
    /// list waits as long as the last entry. Tests shorten them.
    /// </summary>
    public IReadOnlyList<TimeSpan> FunctionErrorRetryDelays { get; init; } = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2)];

    /// <summary>First wait after a throttle or system error of an asynchronous invocation; doubles each time.</summary>
    public TimeSpan ThrottleRetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between throttle retries (AWS: up to 5 minutes).</summary>
    public TimeSpan ThrottleRetryMaxDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Invocations of one function in one chain of requests before recursive loop detection stops the next (AWS: about
    /// 16, https://docs.aws.amazon.com/lambda/latest/dg/invocation-recursion.html).
    /// </summary>
    public int RecursionLimit { get; init; } = 16;

    /// <summary>How long an event is kept when no event invoke configuration says otherwise (AWS: 6 hours).</summary>
    public TimeSpan DefaultMaximumEventAge { get; init; } = TimeSpan.FromHours(6);
}
