namespace Nimbus.EventBridge.Model;

/// <summary>
/// What became of a firing. As on AWS, success means the target accepted the event (Lambda queued the asynchronous
/// invocation: Scheduler's <c>InvocationAttemptCount</c> without <c>TargetErrorCount</c>); what the function then did is
/// on the function's own page and logs.
/// </summary>
internal static class FiringOutcome
{
    /// <summary>Queued; not yet handed to the target.</summary>
    public const string Pending = "PENDING";

    public const string Succeeded = "SUCCEEDED";

    /// <summary>Handing over failed with a retryable error (throttle, service error); it is retried with back-off.</summary>
    public const string Retrying = "RETRYING";

    /// <summary>Handing over failed for good: a missing function, or the retry policy ran out.</summary>
    public const string Failed = "FAILED";

    /// <summary>Nothing to deliver: no targets, or no target Nimbus delivers to (only Lambda functions are invoked).</summary>
    public const string Skipped = "SKIPPED";
}
