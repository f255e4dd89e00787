namespace Nimbus.CloudWatch.Logs.Api.Shapes;

/// <summary>A stream FilterLogEvents searched (deprecated by AWS, still returned).</summary>
internal sealed class SearchedLogStream
{
    public required string LogStreamName { get; init; }

    public bool SearchedCompletely { get; init; }
}
