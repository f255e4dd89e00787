using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nimbus.Core.Invocation;
using Nimbus.S3.Model;
using Nimbus.S3.Store;

namespace Nimbus.S3.Notifications;

/// <summary>
/// The single entry point the object operations call once a change has committed and before they answer: it turns the
/// change's journal row into one outbox event per matching configuration, in one transaction, and wakes the
/// dispatcher. Buckets without a configuration return at the first line (an in-memory set), so the hot path of
/// ordinary buckets costs nothing.
/// </summary>
internal sealed class S3EventNotifier : IAsyncDisposable
{
    private readonly INotificationStore _store;
    private readonly IS3MetadataStore _buckets;
    private readonly S3EventDispatcher _dispatcher;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IServiceProvider _services;
    private readonly ConcurrentDictionary<string, bool> _configured;

    /// <summary>
    /// The invoker is looked up per delivery, not injected: Lambda may be absent (an S3-only host), and Lambda's own
    /// services may read from S3 (code from <c>S3Bucket</c>), which a constructor dependency would make circular.
    /// </summary>
    public S3EventNotifier(INotificationStore store, IS3MetadataStore buckets, IServiceProvider services, TimeProvider time, ILogger<S3EventNotifier> logger)
    {
        _store = store;
        _buckets = buckets;
        _time = time;
        _logger = logger;
        _services = services;
        _configured = new(store.ConfiguredBuckets().Select(b => KeyValuePair.Create(b, true)), StringComparer.Ordinal);
        _dispatcher = new S3EventDispatcher(store, services.GetService<IFunctionInvoker>, RecoverUnclaimed, time, logger);
    }

    public ValueTask DisposeAsync() => _dispatcher.DisposeAsync();

    public NotificationConfiguration GetConfiguration(string bucket) => _store.Get(bucket) ?? NotificationConfiguration.Empty;

    /// <summary>
    /// Validates and stores a bucket's configuration, replacing the old one, then sends <c>s3:TestEvent</c> to each
    /// destination as S3 does. <paramref name="missing"/> are destinations the request named that cannot exist here.
    /// </summary>
    public void PutConfiguration(S3EventSource source, string bucket, string ownerAccount, NotificationConfiguration configuration,
        IReadOnlyList<(string Arn, string Reason)> missing, bool skipDestinationValidation)
    {
        NotificationValidator.ValidateShape(configuration);
        NotificationValidator.ValidateDestinations(configuration, bucket, ownerAccount, _services.GetService<IFunctionPermissionChecker>(), missing,
            checkFunctions: !skipDestinationValidation);
        // Marked before the store write, so no change committing meanwhile skips the journal claim it needs.
        _configured[bucket] = true;
        _store.Put(bucket, configuration);
        if (configuration.IsEmpty)
        {
            _configured.TryRemove(bucket, out _);
            return;
        }
        var test = S3EventRecord.TestEvent(bucket, _time.GetUtcNow(), source.RequestId, source.HostId);
        _store.Enqueue(configuration.LambdaFunctions.Select(f => f.FunctionArn).Distinct(StringComparer.Ordinal)
            .Select(arn => Destination(arn, source, test)));
        _dispatcher.Signal();
    }

    /// <summary>
    /// After PutObject, POST, CopyObject or CompleteMultipartUpload committed <paramref name="obj"/>. The version ids
    /// given here are the ones the operation reports; records carry them only for real versions, not the <c>null</c> one.
    /// </summary>
    public void ObjectCreated(S3EventSource source, string eventName, S3Object obj, string? versionId = null) =>
        Record(source, eventName, obj.Bucket, obj.Key, removed: false, obj, versionId);

    /// <summary>
    /// After DeleteObject or DeleteObjects removed a key or version, or created a delete marker
    /// (<see cref="S3EventNames.DeleteMarkerCreated"/>, journalled by the trigger as a removal of the key).
    /// </summary>
    public void ObjectRemoved(S3EventSource source, string eventName, string bucket, string key, string? versionId = null) =>
        Record(source, eventName, bucket, key, removed: true, null, versionId);

    private void Record(S3EventSource source, string eventName, string bucket, string key, bool removed, S3Object? obj, string? versionId)
    {
        if (!_configured.ContainsKey(bucket))
        {
            return;
        }
        var configuration = _store.Get(bucket);
        var owner = _buckets.GetBucket(bucket);
        if (configuration is null || owner is null)
        {
            return;
        }
        var matches = configuration.LambdaFunctions.Where(n => n.Matches(eventName, key)).ToList();
        var at = obj?.LastModified ?? _time.GetUtcNow();
        // The claim runs even without a match, so the journal row the trigger wrote does not linger.
        _store.Record(bucket, key, removed, obj?.BodyFile, versionId, at, change =>
        {
            var described = obj is null ? change : change with { Size = obj.Size, ETag = obj.ETag, At = obj.LastModified };
            return matches.Select(n => Event(n, source with { Region = owner.Region }, eventName, described, owner.AccountId, RecordedVersion(versionId)));
        });
        if (matches.Count > 0)
        {
            _dispatcher.Signal();
        }
    }

    /// <summary>
    /// Events for journal rows no request claimed (the server died between the commit and the claim). The request is
    /// gone, so the event name is inferred: a multipart ETag means CompleteMultipartUpload, any other creation Put.
    /// </summary>
    internal int RecoverUnclaimed(DateTimeOffset before)
    {
        var recovered = 0;
        foreach (var change in _store.Unclaimed(before))
        {
            var owner = _buckets.GetBucket(change.Bucket);
            var configuration = _store.Get(change.Bucket);
            var eventName = change.DeleteMarker ? S3EventNames.DeleteMarkerCreated
                : change.Removed ? S3EventNames.Delete
                : change.ETag?.Contains('-', StringComparison.Ordinal) == true ? S3EventNames.CompleteMultipartUpload : S3EventNames.Put;
            var events = owner is null || configuration is null
                ? []
                : configuration.LambdaFunctions.Where(n => n.Matches(eventName, change.Key))
                    .Select(n => Event(n, S3EventSource.Recovered(owner.AccountId, owner.Region), eventName, change, owner.AccountId, RecordedVersion(change.VersionId))).ToList();
            if (_store.Recover(change, events) && events.Count > 0)
            {
                NotificationLog.Recovered(_logger, change.Bucket, change.Key, change.Sequence);
                recovered++;
            }
        }
        return recovered;
    }

    /// <summary>A version id as event records carry it: none for the <c>null</c> version (an unversioned key).</summary>
    private static string? RecordedVersion(string? versionId) => versionId is null or S3Object.NullVersion ? null : versionId;

    private static OutboxEvent Event(LambdaNotification notification, S3EventSource source, string eventName, ObjectChange change, string owner, string? versionId) =>
        Destination(notification.FunctionArn, source, S3EventRecord.Write(source, eventName, notification.Id, change, owner, versionId));

    /// <summary>An event for a function, in the function's own account and region (the ARN's), where Lambda looks it up.</summary>
    private static OutboxEvent Destination(string functionArn, S3EventSource source, byte[] payload) =>
        (Core.Arn.TryParse(functionArn, out var arn)
            ? new OutboxEvent(arn.AccountId, arn.Region, functionArn, payload)
            : new OutboxEvent(source.AccountId, source.Region, functionArn, payload)) with { TraceHeader = source.TraceHeader };

}
