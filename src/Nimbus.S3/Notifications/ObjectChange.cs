namespace Nimbus.S3.Notifications;

/// <summary>
/// A change to an object in a bucket with notifications, as the journal records it inside the metadata transaction:
/// created (with the new body's size, ETag and body file) or removed. <see cref="Sequence"/> orders changes as they
/// committed; it becomes the event's <c>sequencer</c>. <see cref="VersionId"/> is the version created or removed
/// (<c>null</c> for unversioned keys); <see cref="DeleteMarker"/> marks a removal that created a delete marker.
/// </summary>
internal sealed record ObjectChange(long Sequence, string Bucket, string Key, bool Removed, long Size, string? ETag, string? BodyFile, DateTimeOffset At,
    string? VersionId = null, bool DeleteMarker = false);
