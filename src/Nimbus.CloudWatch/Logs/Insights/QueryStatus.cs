namespace Nimbus.CloudWatch.Logs.Insights;

/// <summary>A query's status, named as the service model's <c>QueryStatus</c> enum.</summary>
internal enum QueryStatus
{
    Scheduled,
    Running,
    Complete,
    Failed,
    Cancelled,
    Timeout,
}
