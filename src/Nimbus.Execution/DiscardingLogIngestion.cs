using Nimbus.Core;
using Nimbus.Core.Logs;

namespace Nimbus.Execution;

/// <summary>
/// Stands in for CloudWatch Logs when no module registered the <see cref="ILogIngestion"/> seam, so that the engine
/// (and the server) still start; function logs are then dropped.
/// </summary>
internal sealed class DiscardingLogIngestion : ILogIngestion
{
    public void Append(AwsScope scope, string logGroupName, string logStreamName, IReadOnlyList<LogRecord> events)
    {
    }

    public Task FlushAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}
