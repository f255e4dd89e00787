using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using Nimbus.Core;
using Nimbus.Core.Metering;
using Nimbus.Core.Storage;
using Nimbus.S3.Metering;
using Nimbus.S3.Model;
using Nimbus.S3.Store;

namespace Nimbus.S3.Tests;

/// <summary>Storage metering on a fake clock: bytes × hours, in the price table's GB-Month, per bucket and owner.</summary>
public sealed class StorageSamplerTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "nimbus-s3-meter-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly SqliteS3MetadataStore _store;

    public StorageSamplerTests() => _store = new SqliteS3MetadataStore(new SqliteDatabase(Path.Combine(_directory, "s3.db")));

    public void Dispose()
    {
        _store.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task StoredBytes_AreChargedForTheElapsedHours_EveryPeriod()
    {
        _store.TryCreateBucket(new S3Bucket("big", "111111111111", "eu-west-1", _time.GetUtcNow()));
        _store.TryCreateBucket(new S3Bucket("empty", "111111111111", "eu-west-1", _time.GetUtcNow()));
        // 1 GiB current plus 0.5 GiB noncurrent: 1.5 GiB stored.
        await _store.PutObjectAsync(Object("big", "k", 1L << 30), keepPrevious: true);
        await _store.PutObjectAsync(Object("big", "k", 1L << 29) with { VersionId = new string('v', 32) }, keepPrevious: true);
        var meter = new RecordingMeter();
        using var sampler = new S3StorageSampler(_store, _time, meter);
        await sampler.StartAsync(CancellationToken.None);

        _time.Advance(S3StorageSampler.Period);
        var first = await meter.Records.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        // November has 720 hours: 1.5 GiB for one hour is 1.5 / 720 GB-Month.
        Assert.Equal(new UsageRecord(new AwsScope("111111111111", "eu-west-1"), "s3", "TimedStorage-ByteHrs", "big", 1.5 / 720, _time.GetUtcNow()), first);

        _time.Advance(TimeSpan.FromMinutes(30));
        await sampler.StopAsync(CancellationToken.None);
        var last = await meter.Records.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1.5 / 720 / 2, last.Quantity, 12);
        Assert.False(meter.Records.Reader.TryRead(out var extra), $"an empty bucket was charged: {extra}");
    }

    private static S3Object Object(string bucket, string key, long size) => new()
    {
        Bucket = bucket,
        Key = key,
        Size = size,
        ETag = "d41d8cd98f00b204e9800998ecf8427e",
        LastModified = DateTimeOffset.UtcNow,
        BodyFile = Guid.NewGuid().ToString("N"),
    };

    private sealed class RecordingMeter : IUsageMeter
    {
        public Channel<UsageRecord> Records { get; } = Channel.CreateUnbounded<UsageRecord>();

        public void Record(UsageRecord record) => Records.Writer.TryWrite(record);
    }
}
