using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Nimbus.CloudWatch.Logs.Model;
using Nimbus.CloudWatch.Logs.Store;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Logs.LiveTail;

/// <summary>
/// StartLiveTail without HTTP (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_StartLiveTail.html):
/// a session shows events stored after it started in up to 10 groups, optionally of named streams or stream-name
/// prefixes (one group only) and matching a filter pattern; about once a second an update carries what arrived, at most
/// 500 events (sampled evenly beyond that); a session ends after 3 hours. Reads go by store event id, so events from
/// every ingestion path (PutLogEvents, Lambda's delivery) appear, and ingestion itself pays nothing for a tail.
/// </summary>
internal sealed class LiveTailService
{
    public const int MaxGroups = 10;
    public const int MaxEventsPerUpdate = 500;

    /// <summary>CloudWatch Logs' quota of concurrent Live Tail sessions per account and region.</summary>
    public const int MaxSessions = 15;

    /// <summary>At most this many arrived events are read per update; AWS too drops what a tail cannot keep up with.</summary>
    private const int MaxReadPerUpdate = 10_000;

    public static readonly TimeSpan UpdateInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan SessionTimeout = TimeSpan.FromHours(3);

    private readonly ILogStore _store;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, LiveTailSession> _sessions = new(StringComparer.Ordinal);
    private readonly Lock _admission = new();

    public LiveTailService(ILogStore store, TimeProvider time)
    {
        _store = store;
        _time = time;
    }

    /// <summary>
    /// Checks the groups exist and the account has a session to spare, and opens the session. Its first update holds
    /// events stored after this call. The caller ends it with <see cref="End"/>.
    /// </summary>
    public async Task<LiveTailSession> StartAsync(
        AwsScope scope, IReadOnlyList<(string Identifier, string Name)> groups, IReadOnlyList<string>? streamNames, IReadOnlyList<string>? prefixes,
        string? filterPattern, CancellationToken cancellationToken)
    {
        var pattern = FilterPatternParser.Parse(filterPattern);
        foreach (var (_, name) in groups)
        {
            if (await _store.GetGroupAsync(scope, name, cancellationToken) is null)
            {
                throw LogsErrors.GroupNotFound();
            }
        }
        var session = new LiveTailSession
        {
            SessionId = Guid.NewGuid().ToString("D"),
            Scope = scope,
            Groups = groups,
            StreamNames = streamNames,
            StreamNamePrefixes = prefixes,
            FilterPatternText = filterPattern,
            Pattern = pattern,
            Started = _time.GetUtcNow(),
            Cursor = _store.LatestEventId(),
        };
        lock (_admission)
        {
            if (_sessions.Values.Count(s => s.Scope == scope) >= MaxSessions)
            {
                throw new AwsServiceException("LimitExceededException", 400,
                    $"You have reached the maximum number of concurrent Live Tail sessions ({MaxSessions}) for this account and region.");
            }
            _sessions[session.SessionId] = session;
        }
        return session;
    }

    public void End(LiveTailSession session) => _sessions.TryRemove(session.SessionId, out _);

    /// <summary>
    /// One update about every <see cref="UpdateInterval"/> (empty when nothing arrived) until the session has run for
    /// <see cref="SessionTimeout"/>; then the sequence ends and <see cref="TimedOut"/> says so.
    /// </summary>
    public async IAsyncEnumerable<LiveTailUpdate> UpdatesAsync(LiveTailSession session, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var deadline = session.Started + SessionTimeout;
        while (true)
        {
            var left = deadline - _time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                yield break;
            }
            await Task.Delay(left < UpdateInterval ? left : UpdateInterval, _time, cancellationToken);
            yield return Poll(session);
        }
    }

    public bool TimedOut(LiveTailSession session) => _time.GetUtcNow() >= session.Started + SessionTimeout;

    /// <summary>What arrived since the session's cursor, filtered, sampled down to <see cref="MaxEventsPerUpdate"/>.</summary>
    internal LiveTailUpdate Poll(LiveTailSession session)
    {
        var through = _store.LatestEventId();
        var arrived = _store.ReadArrived(session.Scope, session.Groups.Select(g => g.Name).Distinct(StringComparer.Ordinal).ToList(),
            session.Cursor, through, MaxReadPerUpdate);
        session.Cursor = through;
        var identifiers = session.Groups.GroupBy(g => g.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Identifier, StringComparer.Ordinal);
        var matching = arrived
            .Where(e => session.Includes(e.Event.StreamName) && session.Pattern.Matches(e.Event.Message))
            .Select(e => (identifiers[e.GroupName], e.Event))
            .ToList();
        var sampled = arrived.Count == MaxReadPerUpdate || matching.Count > MaxEventsPerUpdate;
        if (matching.Count > MaxEventsPerUpdate)
        {
            // Evenly spaced, so a burst is represented from its start to its end.
            var step = matching.Count / (double)MaxEventsPerUpdate;
            matching = Enumerable.Range(0, MaxEventsPerUpdate).Select(i => matching[(int)(i * step)]).ToList();
        }
        return new LiveTailUpdate(matching, sampled);
    }
}
