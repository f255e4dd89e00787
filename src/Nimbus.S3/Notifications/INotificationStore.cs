namespace Nimbus.S3.Notifications;

/// <summary>
/// Notification configurations, the change journal and the outbox, in the same SQLite file as the object metadata so
/// that a journal row commits in the same transaction as the object row it describes (see docs/design.md, "S3 events").
/// </summary>
internal interface INotificationStore
{
    NotificationConfiguration? Get(string bucket);

    /// <summary>Buckets that have a configuration: the notifier's fast path skips every other bucket without a read.</summary>
    IReadOnlyCollection<string> ConfiguredBuckets();

    /// <summary>Stores (or, when empty, removes) the bucket's configuration.</summary>
    void Put(string bucket, NotificationConfiguration configuration);

    /// <summary>
    /// In one transaction: claims the journal row of this change (or, when none was recorded, allocates a sequence
    /// number), stores the events <paramref name="build"/> makes from it in the outbox, and deletes the row. A
    /// <paramref name="versionId"/> narrows the claim to that version's row.
    /// </summary>
    void Record(string bucket, string key, bool removed, string? bodyFile, string? versionId, DateTimeOffset at, Func<ObjectChange, IEnumerable<OutboxEvent>> build);

    /// <summary>Journal rows older than <paramref name="before"/>: changes whose request died before it recorded its events.</summary>
    IReadOnlyList<ObjectChange> Unclaimed(DateTimeOffset before);

    /// <summary>Claims a journal row by sequence and stores its events; false when someone claimed it first.</summary>
    bool Recover(ObjectChange change, IEnumerable<OutboxEvent> events);

    void Enqueue(IEnumerable<OutboxEvent> events);

    /// <summary>The oldest events due for an attempt at <paramref name="now"/>.</summary>
    IReadOnlyList<OutboxEvent> Outbox(int limit, DateTimeOffset now);

    void Delivered(long id);

    /// <summary>Counts a failed attempt and holds the event back until <paramref name="nextAttempt"/>.</summary>
    void Failed(long id, int attempts, DateTimeOffset nextAttempt);
}
