using Nimbus.Core.Logs;

namespace Nimbus.Bench;

/// <summary>The "logging off" side of the observability benchmark: function logs go nowhere.</summary>
internal sealed class DiscardingLogIngestion : ILogIngestion
{
    public void Append(Nimbus.Core.AwsScope scope, string logGroupName, string logStreamName, IReadOnlyList<LogRecord> events)
    {
    }

    public Task FlushAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}
