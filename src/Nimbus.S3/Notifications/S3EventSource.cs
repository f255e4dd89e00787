namespace Nimbus.S3.Notifications;

/// <summary>
/// The request that caused an event, as the record reports it: who (<c>userIdentity.principalId</c>), from where
/// (<c>requestParameters.sourceIPAddress</c>), and S3's ids for the request (<c>responseElements</c>).
/// </summary>
internal sealed record S3EventSource(string AccountId, string Region, string PrincipalId, string SourceIp, string RequestId, string HostId)
{
    /// <summary>
    /// The request's <c>X-Amzn-Trace-Id</c> (a function's SDK sends its own), passed on to the invocations the event
    /// causes so that Lambda can stop a function that keeps re-triggering itself through this bucket.
    /// </summary>
    public string? TraceHeader { get; init; }

    /// <summary>For events recovered after a crash: the request is gone, so S3 itself is named as the source.</summary>
    public static S3EventSource Recovered(string accountId, string region) => new(accountId, region, "AmazonS3", "127.0.0.1", "", "");
}
