using Nimbus.CloudWatch.Logs.Model;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Logs.Store;

/// <summary>
/// Persistence of log groups, streams and events. Narrow on purpose: SQLite now, PostgreSQL in cluster mode.
/// Every group belongs to one <see cref="AwsScope"/>; nothing crosses scopes. Names compare ordinally.
/// </summary>
internal interface ILogStore
{
    /// <summary>False when the group already exists.</summary>
    Task<bool> CreateGroupAsync(AwsScope scope, string name, long creationTime, string logGroupClass, CancellationToken cancellationToken);

    /// <summary>Removes the group with its streams and events; false when there was none.</summary>
    Task<bool> DeleteGroupAsync(AwsScope scope, string name, CancellationToken cancellationToken);

    /// <summary>Sets (or with null removes) the group's retention; false when there is no such group.</summary>
    Task<bool> SetRetentionAsync(AwsScope scope, string name, int? retentionInDays, CancellationToken cancellationToken);

    Task<LogGroup?> GetGroupAsync(AwsScope scope, string name, CancellationToken cancellationToken);

    /// <summary>Groups in name order after the query's cursor, at most <see cref="GroupQuery.Limit"/>.</summary>
    Task<IReadOnlyList<LogGroup>> ListGroupsAsync(AwsScope scope, GroupQuery query, CancellationToken cancellationToken);

    Task<StreamCreateOutcome> CreateStreamAsync(AwsScope scope, string groupName, string streamName, long creationTime, CancellationToken cancellationToken);

    Task<AppendOutcome> DeleteStreamAsync(AwsScope scope, string groupName, string streamName, CancellationToken cancellationToken);

    /// <summary>Null when the group does not exist.</summary>
    Task<IReadOnlyList<LogStream>?> ListStreamsAsync(AwsScope scope, string groupName, StreamQuery query, CancellationToken cancellationToken);

    Task<LogStream?> GetStreamAsync(AwsScope scope, string groupName, string streamName, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the batches in one transaction, each stream's events in the given order. With
    /// <paramref name="createMissing"/> absent groups and streams are created (Lambda's log delivery); without it
    /// a missing group or stream fails the whole call and nothing is stored.
    /// </summary>
    Task<AppendOutcome> AppendAsync(LogPage page, long ingestionTime, bool createMissing, CancellationToken cancellationToken);

    /// <summary>Null when the group or stream does not exist. Events come back in read order (oldest first).</summary>
    Task<EventPage?> ReadStreamAsync(AwsScope scope, string groupName, string streamName, StreamEventQuery query, CancellationToken cancellationToken);

    /// <summary>Null when the group does not exist. Events of all chosen streams, interleaved by time.</summary>
    Task<FilterPage?> FilterAsync(AwsScope scope, string groupName, GroupEventQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Logs Insights' read: events of the named groups (unknown names are skipped) with <paramref name="startMs"/> ≤
    /// timestamp ≤ <paramref name="endMs"/>, newest first (by timestamp, then arrival), streamed as the caller reads.
    /// </summary>
    IEnumerable<ScannedEvent> Scan(AwsScope scope, IReadOnlyList<string> groupNames, long startMs, long endMs, CancellationToken cancellationToken);

    /// <summary>The id of the newest stored event (0 when there is none): a live tail shows only events stored after it.</summary>
    long LatestEventId();

    /// <summary>
    /// Live tail's read: events of the named groups (unknown names are skipped) with <paramref name="afterId"/> &lt; id ≤
    /// <paramref name="throughId"/>, in arrival order, at most <paramref name="limit"/>.
    /// </summary>
    IReadOnlyList<ScannedEvent> ReadArrived(AwsScope scope, IReadOnlyList<string> groupNames, long afterId, long throughId, int limit);

    /// <summary>One event by its id (GetLogRecord); null when the group or the event in it does not exist.</summary>
    Task<ScannedEvent?> GetEventAsync(AwsScope scope, string groupName, long eventId, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes up to <paramref name="batchSize"/> events older than their group's retention at <paramref name="nowMs"/>,
    /// keeping stream counts and group sizes right. Returns how many it deleted.
    /// </summary>
    Task<int> DeleteExpiredEventsAsync(long nowMs, int batchSize, CancellationToken cancellationToken);
}
