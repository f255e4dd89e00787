namespace Nimbus.Core.Logs;

/// <summary>
/// The seam through which services write into CloudWatch Logs (implemented by Nimbus.CloudWatch). Lambda's
/// function logs arrive here, one stream per execution environment. Groups and streams that do not exist yet
/// are created, as Lambda's log delivery does.
/// </summary>
public interface ILogIngestion
{
    /// <summary>Queues events for a stream. Events keep their order within the stream.</summary>
    void Append(AwsScope scope, string logGroupName, string logStreamName, IReadOnlyList<LogRecord> events);

    /// <summary>Completes when everything appended before the call is stored and readable.</summary>
    Task FlushAsync(CancellationToken cancellationToken = default);
}
