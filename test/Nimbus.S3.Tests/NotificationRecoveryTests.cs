using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Nimbus.Core;
using Nimbus.Core.Invocation;
using Nimbus.Core.Storage;
using Nimbus.S3.Model;
using Nimbus.S3.Notifications;
using Nimbus.S3.Store;

namespace Nimbus.S3.Tests;

/// <summary>
/// The crash window between an object's commit and its request recording the event: the journal row the trigger wrote
/// in the object's own transaction is turned into the event when the notifier starts.
/// </summary>
public sealed class NotificationRecoveryTests : IDisposable
{
    private const string FunctionArn = "arn:aws:lambda:us-east-1:000000000000:function:f";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "nimbus-s3-journal-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly SqliteS3MetadataStore _objects;
    private readonly SqliteNotificationStore _notifications;

    public NotificationRecoveryTests()
    {
        var database = new SqliteDatabase(Path.Combine(_directory, "s3.db"));
        _objects = new SqliteS3MetadataStore(database);
        _notifications = new SqliteNotificationStore(database);
        _objects.TryCreateBucket(new S3Bucket("watched", "000000000000", "us-east-1", DateTimeOffset.UtcNow));
        _objects.TryCreateBucket(new S3Bucket("plain", "000000000000", "us-east-1", DateTimeOffset.UtcNow));
        _notifications.Put("watched", new NotificationConfiguration([new LambdaNotification("cfg", FunctionArn, ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"], null, null)]));
    }

    public void Dispose()
    {
        _objects.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task ObjectCommittedButNeverClaimed_IsDeliveredWhenTheNotifierStarts()
    {
        await _objects.PutObjectAsync(Object("watched", "orphaned.txt", "0123456789abcdef0123456789abcdef-3"), keepPrevious: false);
        await _objects.PutObjectAsync(Object("plain", "ignored.txt", "00000000000000000000000000000000"), keepPrevious: false);

        var invoker = new RecordingInvoker();
        await using var notifier = Notifier(invoker);
        var (scope, invocation) = await invoker.Calls.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(InvocationKind.Event, invocation.Kind);
        Assert.Equal(FunctionArn, invocation.FunctionName);
        Assert.Equal(new AwsScope("000000000000", "us-east-1"), scope);
        var record = JsonDocument.Parse(invocation.Payload).RootElement.GetProperty("Records")[0];
        // A multipart ETag tells the recovered event's name; the request's own details are gone.
        Assert.Equal("ObjectCreated:CompleteMultipartUpload", record.GetProperty("eventName").GetString());
        Assert.Equal("orphaned.txt", record.GetProperty("s3").GetProperty("object").GetProperty("key").GetString());
        Assert.Equal(42, record.GetProperty("s3").GetProperty("object").GetProperty("size").GetInt64());
        Assert.Empty(_notifications.Unclaimed(DateTimeOffset.MaxValue));
        Assert.False(invoker.Calls.Reader.TryRead(out _), "the bucket without a configuration raised an event");
    }

    [Fact]
    public async Task ClaimedChange_IsDeliveredOnce_AndLeavesNoJournalRow()
    {
        var invoker = new RecordingInvoker();
        await using var notifier = Notifier(invoker);
        var obj = Object("watched", "a b.txt", "d41d8cd98f00b204e9800998ecf8427e");
        await _objects.PutObjectAsync(obj, keepPrevious: false);
        notifier.ObjectCreated(new S3EventSource("000000000000", "us-east-1", "AWS:test", "10.0.0.1", "REQ", "HOST"), S3EventNames.Put, obj);
        await _objects.DeleteObjectAsync("watched", "a b.txt");
        notifier.ObjectRemoved(new S3EventSource("000000000000", "us-east-1", "AWS:test", "10.0.0.1", "REQ2", "HOST2"), S3EventNames.Delete, "watched", "a b.txt");

        var first = await invoker.Calls.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        var second = await invoker.Calls.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        var put = JsonDocument.Parse(first.Invocation.Payload).RootElement.GetProperty("Records")[0];
        var delete = JsonDocument.Parse(second.Invocation.Payload).RootElement.GetProperty("Records")[0];
        Assert.Equal("ObjectCreated:Put", put.GetProperty("eventName").GetString());
        Assert.Equal("REQ", put.GetProperty("responseElements").GetProperty("x-amz-request-id").GetString());
        Assert.Equal("10.0.0.1", put.GetProperty("requestParameters").GetProperty("sourceIPAddress").GetString());
        Assert.Equal("a+b.txt", put.GetProperty("s3").GetProperty("object").GetProperty("key").GetString());
        Assert.Equal("ObjectRemoved:Delete", delete.GetProperty("eventName").GetString());
        Assert.True(string.CompareOrdinal(put.GetProperty("s3").GetProperty("object").GetProperty("sequencer").GetString(),
            delete.GetProperty("s3").GetProperty("object").GetProperty("sequencer").GetString()) < 0, "the later change must have the greater sequencer");
        Assert.Empty(_notifications.Unclaimed(DateTimeOffset.MaxValue));
    }

    [Fact]
    public async Task VersionedChanges_AreJournalledOnTheCurrentVersionTable_AndRecoveredWithTheirVersionIds()
    {
        const string Version = "v1v1v1v1v1v1v1v1v1v1v1v1v1v1v1v1", Marker = "mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm";
        await _objects.PutObjectAsync(Object("watched", "doc.txt", "d41d8cd98f00b204e9800998ecf8427e") with { VersionId = Version }, keepPrevious: true);
        await _objects.PutObjectAsync(new S3Object
        {
            Bucket = "watched", Key = "doc.txt", Size = 0, ETag = "", LastModified = DateTimeOffset.UtcNow, BodyFile = "",
            VersionId = Marker, IsDeleteMarker = true,
        }, keepPrevious: true);
        // Removing the marker makes the earlier version current again: a removal, and no second creation.
        await _objects.DeleteObjectVersionAsync("watched", "doc.txt", Marker);
        Assert.Equal(3, _notifications.Unclaimed(DateTimeOffset.MaxValue).Count);

        var invoker = new RecordingInvoker();
        await using var notifier = Notifier(invoker);
        var events = new List<(string? Sequencer, string? Name, string? VersionId)>();
        for (var i = 0; i < 3; i++)
        {
            var (_, invocation) = await invoker.Calls.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            var record = JsonDocument.Parse(invocation.Payload).RootElement.GetProperty("Records")[0];
            var obj = record.GetProperty("s3").GetProperty("object");
            events.Add((obj.GetProperty("sequencer").GetString(), record.GetProperty("eventName").GetString(), obj.GetProperty("versionId").GetString()));
        }
        Assert.Equal([("ObjectCreated:Put", Version), ("ObjectRemoved:DeleteMarkerCreated", Marker), ("ObjectRemoved:Delete", Marker)],
            events.OrderBy(e => e.Sequencer, StringComparer.Ordinal).Select(e => (e.Name, e.VersionId)));
        Assert.Empty(_notifications.Unclaimed(DateTimeOffset.MaxValue));
    }

    [Fact]
    public async Task NoncurrentVersionDeleted_ItsRemovalIsJournalled_AndAReplacedNullVersionIsNotARemoval()
    {
        const string V1 = "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1", V2 = "b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2";
        await _objects.PutObjectAsync(Object("watched", "n.txt", "d41d8cd98f00b204e9800998ecf8427e"), keepPrevious: true);
        await _objects.PutObjectAsync(Object("watched", "n.txt", "d41d8cd98f00b204e9800998ecf8427e") with { VersionId = V1 }, keepPrevious: true);
        // Suspended: a new null version replaces the noncurrent null one, which is an overwrite, not a version removed.
        await _objects.PutObjectAsync(Object("watched", "n.txt", "d41d8cd98f00b204e9800998ecf8427e"), keepPrevious: true);
        await _objects.PutObjectAsync(Object("watched", "n.txt", "d41d8cd98f00b204e9800998ecf8427e") with { VersionId = V2 }, keepPrevious: true);
        Assert.DoesNotContain(_notifications.Unclaimed(DateTimeOffset.MaxValue), c => c.Removed);
        // V1 is noncurrent now; the server dies between the delete's commit and its request recording the event.
        await _objects.DeleteObjectVersionAsync("watched", "n.txt", V1);
        var removal = Assert.Single(_notifications.Unclaimed(DateTimeOffset.MaxValue), c => c.Removed);
        Assert.Equal(V1, removal.VersionId);

        var invoker = new RecordingInvoker();
        await using var notifier = Notifier(invoker);
        var names = new List<(string? Name, string? VersionId)>();
        for (var i = 0; i < 5; i++)
        {
            var (_, invocation) = await invoker.Calls.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            var record = JsonDocument.Parse(invocation.Payload).RootElement.GetProperty("Records")[0];
            var obj = record.GetProperty("s3").GetProperty("object");
            names.Add((record.GetProperty("eventName").GetString(), obj.TryGetProperty("versionId", out var v) ? v.GetString() : null));
        }
        Assert.Equal(4, names.Count(n => n.Name == "ObjectCreated:Put"));
        Assert.Contains(("ObjectRemoved:Delete", V1), names);
        Assert.Empty(_notifications.Unclaimed(DateTimeOffset.MaxValue));
    }

    [Fact]
    public async Task ThrottledDelivery_IsRetried_AndTheEventLeavesTheOutboxOnlyWhenAccepted()
    {
        var invoker = new RecordingInvoker { Refusals = 2 };
        await using var notifier = Notifier(invoker);
        var obj = Object("watched", "retry.txt", "d41d8cd98f00b204e9800998ecf8427e");
        await _objects.PutObjectAsync(obj, keepPrevious: false);
        notifier.ObjectCreated(new S3EventSource("000000000000", "us-east-1", "AWS:test", "10.0.0.1", "REQ", "HOST"), S3EventNames.Put, obj);

        var (_, invocation) = await invoker.Calls.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(3, invoker.Attempts);
        Assert.Contains("retry.txt", System.Text.Encoding.UTF8.GetString(invocation.Payload.Span));
        // The dispatcher deletes the row after the invoker returned, so it may still be there the instant the call is seen.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (_notifications.Outbox(10, DateTimeOffset.MaxValue).Count > 0 && !deadline.IsCancellationRequested)
        {
            await Task.Delay(20, CancellationToken.None);
        }
        Assert.Empty(_notifications.Outbox(10, DateTimeOffset.MaxValue));
    }

    private S3EventNotifier Notifier(RecordingInvoker invoker) => new(_notifications, _objects,
        new ServiceCollection().AddSingleton<IFunctionInvoker>(invoker).BuildServiceProvider(), TimeProvider.System, NullLogger<S3EventNotifier>.Instance);

    private static S3Object Object(string bucket, string key, string etag) => new()
    {
        Bucket = bucket,
        Key = key,
        Size = 42,
        ETag = etag,
        LastModified = DateTimeOffset.UtcNow,
        BodyFile = Guid.NewGuid().ToString("N"),
    };

    private sealed class RecordingInvoker : IFunctionInvoker
    {
        public Channel<(AwsScope Scope, FunctionInvocation Invocation)> Calls { get; } = Channel.CreateUnbounded<(AwsScope, FunctionInvocation)>();

        /// <summary>How many first attempts answer 429, as Lambda does when throttled.</summary>
        public int Refusals { get; init; }

        public int Attempts { get; private set; }

        public Task<FunctionInvocationResult> InvokeAsync(AwsScope scope, FunctionInvocation invocation, CancellationToken cancellationToken)
        {
            if (++Attempts <= Refusals)
            {
                throw new AwsServiceException("TooManyRequestsException", 429, "Rate exceeded");
            }
            Calls.Writer.TryWrite((scope, invocation));
            return Task.FromResult(new FunctionInvocationResult(202, ReadOnlyMemory<byte>.Empty));
        }
    }
}
