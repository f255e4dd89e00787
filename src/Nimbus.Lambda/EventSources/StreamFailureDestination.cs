using Microsoft.Extensions.Logging;
using Nimbus.Core;
using Nimbus.Core.Metering;
using Nimbus.Core.Objects;
using Nimbus.Core.Streams;
using Nimbus.Lambda.Service;

namespace Nimbus.Lambda.EventSources;

/// <summary>
/// Sends the record of discarded stream records to the mapping's on-failure destination. Nimbus has S3 of the
/// destinations AWS allows for stream sources (SQS, SNS, S3, Kafka); the validator refuses the others. A delivery that
/// fails (the bucket is gone, say) is logged and counted as AWS/Lambda <c>DestinationDeliveryFailures</c>, and the
/// records stay discarded: the shard moves on, as on AWS.
/// </summary>
internal sealed class StreamFailureDestination
{
    private readonly IObjectWriter? _objects;
    private readonly IMetricPublisher? _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<StreamFailureDestination> _logger;

    public StreamFailureDestination(IEnumerable<IObjectWriter> objects, IEnumerable<IMetricPublisher> metrics, TimeProvider time,
        ILogger<StreamFailureDestination> logger)
    {
        _objects = objects.FirstOrDefault();
        _metrics = metrics.FirstOrDefault();
        _time = time;
        _logger = logger;
    }

    /// <summary>The bucket an on-failure destination ARN names (<c>arn:aws:s3:::bucket</c>), or null for any other ARN.</summary>
    public static string? S3Bucket(string destination) =>
        Arn.TryParse(destination, out var arn) && arn.Service == "s3" && arn.Resource.Length > 0 && !arn.Resource.Contains('/') ? arn.Resource : null;

    public async Task DeliverAsync(EventSourceMapping mapping, string shardId, IReadOnlyList<TableStreamRecord> records, string condition, int invokeCount,
        BatchOutcome? outcome, CancellationToken cancellationToken)
    {
        if (mapping.OnFailureDestination is not { } destination)
        {
            return;
        }
        var now = _time.GetUtcNow();
        var functionArn = LambdaService.FunctionArn(mapping.Scope, mapping.FunctionName, mapping.Qualifier);
        var bucket = S3Bucket(destination);
        try
        {
            if (bucket is null || _objects is null)
            {
                throw LambdaErrors.InvalidParameter("Nimbus cannot deliver to the destination " + destination);
            }
            var body = StreamFailureRecord.Build(mapping, functionArn, shardId, records, condition, invokeCount, outcome, now, RequestIds.NewRequestId(), withPayload: true);
            var key = StreamFailureRecord.S3Key(mapping.Uuid, shardId, now, Guid.NewGuid());
            await _objects.PutObjectAsync(mapping.Scope, bucket, key, body, "application/json", cancellationToken);
            EventSourceLog.FailureDelivered(_logger, mapping.Uuid, records.Count, destination, key);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var reason = exception is AwsServiceException aws ? aws.ErrorCode + ": " + aws.Message : exception.Message;
            EventSourceLog.FailureNotDelivered(_logger, mapping.Uuid, records.Count, destination, reason);
            _metrics?.Publish(new PublishedMetric(mapping.Scope, "AWS/Lambda", "DestinationDeliveryFailures",
                [new("FunctionName", mapping.FunctionName)], 1, "Count", now));
        }
    }
}
