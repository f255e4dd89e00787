using Nimbus.Core;
using Nimbus.Core.Logs;

namespace Nimbus.Execution.Tests.Infrastructure;

/// <summary>Keeps every appended event, per stream, in order; counts Append calls to check batching.</summary>
internal sealed class InMemoryLogIngestion : ILogIngestion
{
    private readonly object _gate = new();
    private readonly Dictionary<string, List<LogRecord>> _streams = new(StringComparer.Ordinal);

    public int AppendCalls { get; private set; }

    public void Append(AwsScope scope, string logGroupName, string logStreamName, IReadOnlyList<LogRecord> events)
    {
        lock (_gate)
        {
            AppendCalls++;
            var key = logGroupName + "|" + logStreamName;
            if (!_streams.TryGetValue(key, out var list))
            {
                _streams[key] = list = [];
            }
            list.AddRange(events);
        }
    }

    public Task FlushAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public IReadOnlyList<string> Streams(string group)
    {
        lock (_gate)
        {
            return _streams.Keys.Where(k => k.StartsWith(group + "|", StringComparison.Ordinal)).Select(k => k[(group.Length + 1)..]).ToList();
        }
    }

    /// <summary>All messages of a group, stream after stream.</summary>
    public IReadOnlyList<string> Messages(string group)
    {
        lock (_gate)
        {
            return _streams.Where(kv => kv.Key.StartsWith(group + "|", StringComparison.Ordinal)).SelectMany(kv => kv.Value).Select(r => r.Message).ToList();
        }
    }

    /// <summary>The messages of one invocation, START to REPORT.</summary>
    public IReadOnlyList<string> Invocation(string group, string requestId)
    {
        var all = Messages(group);
        var start = all.ToList().FindIndex(m => m == $"START RequestId: {requestId} Version: $LATEST");
        var report = all.ToList().FindIndex(m => m.StartsWith($"REPORT RequestId: {requestId}", StringComparison.Ordinal));
        Assert.True(start >= 0 && report > start, $"START/REPORT of {requestId} not found in:\n{string.Join("\n", all)}");
        return all.Skip(start).Take(report - start + 1).ToList();
    }
}
