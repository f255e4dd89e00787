namespace Nimbus.Lambda.Model;

/// <summary>
/// Error handling and destinations of asynchronous invocations for one qualifier of a function
/// (<c>PutFunctionEventInvokeConfig</c>). Null members were not set: the worker then uses AWS's defaults
/// (2 retries, 6 hours), and the API leaves them out of its answers, as AWS does.
/// </summary>
internal sealed record EventInvokeConfig
{
    public int? MaximumRetryAttempts { get; init; }

    public int? MaximumEventAgeInSeconds { get; init; }

    /// <summary>ARN of the on-success destination (Lambda, SQS, SNS or EventBridge).</summary>
    public string? OnSuccess { get; init; }

    /// <summary>ARN of the on-failure destination (Lambda, SQS, SNS, EventBridge or S3).</summary>
    public string? OnFailure { get; init; }

    public required DateTimeOffset LastModified { get; init; }
}
