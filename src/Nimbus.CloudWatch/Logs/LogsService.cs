using Nimbus.CloudWatch.Logs.Model;
using Nimbus.CloudWatch.Logs.Store;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Logs;

/// <summary>
/// CloudWatch Logs semantics over the store: validation AWS performs beyond the model's shape constraints,
/// pagination tokens, and AWS's errors. Knows nothing of HTTP or JSON.
/// </summary>
internal sealed partial class LogsService
{
    private readonly ILogStore _store;
    private readonly TimeProvider _time;
    private readonly LogsCounters _counters;

    public LogsService(ILogStore store, TimeProvider time, LogsCounters? counters = null)
    {
        _store = store;
        _time = time;
        _counters = counters ?? new LogsCounters();
    }

    private long NowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    public async Task CreateGroupAsync(AwsScope scope, string name, string? logGroupClass, CancellationToken cancellationToken)
    {
        if (!await _store.CreateGroupAsync(scope, name, NowMs, logGroupClass ?? "STANDARD", cancellationToken))
        {
            throw LogsErrors.GroupAlreadyExists();
        }
    }

    public async Task DeleteGroupAsync(AwsScope scope, string name, CancellationToken cancellationToken)
    {
        if (!await _store.DeleteGroupAsync(scope, name, cancellationToken))
        {
            throw LogsErrors.GroupNotFound();
        }
    }

    /// <summary>PutRetentionPolicy / DeleteRetentionPolicy (null). Expired events are refused by PutLogEvents.</summary>
    public async Task SetRetentionAsync(AwsScope scope, string name, int? retentionInDays, CancellationToken cancellationToken)
    {
        if (!await _store.SetRetentionAsync(scope, name, retentionInDays, cancellationToken))
        {
            throw LogsErrors.GroupNotFound();
        }
    }

    /// <summary>DescribeLogGroups with <c>logGroupIdentifiers</c>: the named groups that exist, in name order.</summary>
    public async Task<IReadOnlyList<LogGroup>> GetGroupsAsync(AwsScope scope, IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var groups = new List<LogGroup>();
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            if (await _store.GetGroupAsync(scope, name, cancellationToken) is { } group)
            {
                groups.Add(group);
            }
        }
        return groups.OrderBy(g => g.Name, StringComparer.Ordinal).ToList();
    }

    public async Task<Page<LogGroup>> DescribeGroupsAsync(
        AwsScope scope, string? prefix, string? pattern, int? limit, string? nextToken, CancellationToken cancellationToken, string? groupClass = null)
    {
        if (prefix is not null && pattern is not null)
        {
            throw LogsErrors.InvalidParameter("LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.");
        }
        string? after = null;
        if (nextToken is not null)
        {
            after = LogTokens.ParseGroup(nextToken) ?? throw LogsErrors.InvalidToken();
        }
        var take = limit ?? LogsLimits.DescribeDefaultLimit;
        var groups = await _store.ListGroupsAsync(scope, new GroupQuery(prefix, pattern, after, take + 1) { GroupClass = groupClass }, cancellationToken);
        return groups.Count > take
            ? new Page<LogGroup>(groups.Take(take).ToList(), LogTokens.Group(groups[take - 1].Name))
            : new Page<LogGroup>(groups, null);
    }

    public async Task CreateStreamAsync(AwsScope scope, string groupName, string streamName, CancellationToken cancellationToken)
    {
        switch (await _store.CreateStreamAsync(scope, groupName, streamName, NowMs, cancellationToken))
        {
            case StreamCreateOutcome.GroupNotFound:
                throw LogsErrors.GroupNotFound();
            case StreamCreateOutcome.AlreadyExists:
                throw LogsErrors.StreamAlreadyExists();
        }
    }

    public async Task DeleteStreamAsync(AwsScope scope, string groupName, string streamName, CancellationToken cancellationToken)
    {
        switch (await _store.DeleteStreamAsync(scope, groupName, streamName, cancellationToken))
        {
            case AppendOutcome.GroupNotFound:
                throw LogsErrors.GroupNotFound();
            case AppendOutcome.StreamNotFound:
                throw LogsErrors.StreamNotFound();
        }
    }

    public async Task<Page<LogStream>> DescribeStreamsAsync(
        AwsScope scope, string groupName, string? prefix, StreamOrder orderBy, bool descending, int? limit, string? nextToken, CancellationToken cancellationToken)
    {
        if (prefix is not null && orderBy == StreamOrder.LastEventTime)
        {
            // AWS: "If you order the results by event time, you cannot specify the logStreamNamePrefix parameter."
            throw LogsErrors.InvalidParameter("Cannot order by LastEventTime with a logStreamNamePrefix.");
        }
        StreamCursor? after = null;
        if (nextToken is not null)
        {
            after = LogTokens.ParseStream(nextToken) ?? throw LogsErrors.InvalidToken();
        }
        var take = limit ?? LogsLimits.DescribeDefaultLimit;
        var streams = await _store.ListStreamsAsync(scope, groupName, new StreamQuery(prefix, orderBy, descending, after, take + 1), cancellationToken)
            ?? throw LogsErrors.GroupNotFound();
        if (streams.Count <= take)
        {
            return new Page<LogStream>(streams, null);
        }
        var last = streams[take - 1];
        return new Page<LogStream>(streams.Take(take).ToList(), LogTokens.Stream(new StreamCursor(last.LastEventTimestamp ?? 0, last.Name)));
    }
}
