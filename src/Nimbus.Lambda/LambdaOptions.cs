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
}
