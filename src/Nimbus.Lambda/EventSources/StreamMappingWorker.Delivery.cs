using Nimbus.Core;
using Nimbus.Core.Invocation;
using Nimbus.Core.Metering;

namespace Nimbus.Lambda.EventSources;

/// <summary>Delivering the first pending batch: invoke, then checkpoint, retry, bisect or discard.</summary>
internal sealed partial class StreamMappingWorker
{
    private const string FunctionCallFailed = "PROBLEM: Function call failed";

    /// <summary>Invocations refused before the function ran (throttled, function missing); they do not use up retries.</summary>
    private int _refusals;

    private async Task ProcessFirstPendingAsync(CancellationToken cancellationToken)
    {
        var batch = await DropExpiredAsync(_pending[0], cancellationToken);
        if (batch is null)
        {
            return;
        }
        _pending[0] = batch;
        PublishIteratorAge(batch);
        FunctionInvocationResult result;
        try
        {
            result = await _invoker.InvokeAsync(_mapping.Scope,
                new FunctionInvocation(_mapping.FunctionName, StreamEvent.Build(batch.Records, _mapping.EventSourceArn), InvocationKind.RequestResponse)
                {
                    Qualifier = _mapping.Qualifier,
                }, cancellationToken);
        }
        catch (AwsServiceException exception)
        {
            // Throttles and missing functions are retried until the records expire, without counting as attempts (AWS).
            _refusals++;
            _pending[0] = batch with { LastOutcome = new BatchOutcome(exception.StatusCode, null, null) };
            _service.RecordResult(_mapping.Uuid, exception.ErrorCode == "ResourceNotFoundException" ? "PROBLEM: Function not found" : FunctionCallFailed);
            EventSourceLog.BatchFailed(_logger, _mapping.Uuid, _mapping.FunctionName, exception.ErrorCode, batch.Attempts);
            await BackoffAsync(_refusals, cancellationToken);
            return;
        }
        _refusals = 0;
        batch = batch with { LastOutcome = new BatchOutcome(result.StatusCode, result.ExecutedVersion ?? "$LATEST", result.FunctionError) };
        _pending[0] = batch;
        if (result.FunctionError is not null)
        {
            await FailAsync(batch, canBisect: true, "function error", cancellationToken);
            return;
        }
        var failedAt = _mapping.ReportsBatchItemFailures ? StreamEvent.FirstFailure(result.Payload, batch.Records) : -1;
        if (failedAt < 0)
        {
            Commit(batch.LastSequenceNumber);
            _pending.RemoveAt(0);
            _service.RecordResult(_mapping.Uuid, "OK");
            return;
        }
        // A partial failure: the records before the first failed one are done; retry from it (AWS "bisects" there).
        if (failedAt > 0)
        {
            Commit(batch.Records[failedAt - 1].SequenceNumber);
            batch = batch with { Records = batch.Records.Skip(failedAt).ToList() };
            _pending[0] = batch;
        }
        await FailAsync(batch, canBisect: failedAt == 0, "batch item failure", cancellationToken);
    }

    private async Task FailAsync(StreamBatch batch, bool canBisect, string reason, CancellationToken cancellationToken)
    {
        _service.RecordResult(_mapping.Uuid, FunctionCallFailed);
        if (canBisect && _mapping.BisectBatchOnFunctionError && batch.Records.Count > 1)
        {
            var (first, second) = batch.Bisect();
            _pending[0] = first;
            _pending.Insert(1, second);
            EventSourceLog.BatchFailed(_logger, _mapping.Uuid, _mapping.FunctionName, reason + ", bisecting", batch.Attempts);
            return;
        }
        var failed = batch with { Attempts = batch.Attempts + 1 };
        EventSourceLog.BatchFailed(_logger, _mapping.Uuid, _mapping.FunctionName, reason, failed.Attempts);
        if (_mapping.MaximumRetryAttempts >= 0 && failed.Attempts > _mapping.MaximumRetryAttempts)
        {
            await DiscardAsync(failed, StreamFailureRecord.RetryAttemptsExhausted, cancellationToken);
            return;
        }
        _pending[0] = failed;
        await BackoffAsync(failed.Attempts, cancellationToken);
    }

    /// <summary>
    /// Drops the records older than MaximumRecordAgeInSeconds from the front of the batch (records are in order, so
    /// the oldest come first). Null when nothing is left to deliver.
    /// </summary>
    private async Task<StreamBatch?> DropExpiredAsync(StreamBatch batch, CancellationToken cancellationToken)
    {
        if (_mapping.MaximumRecordAgeInSeconds < 0)
        {
            return batch;
        }
        var oldestAllowed = _time.GetUtcNow().AddSeconds(-_mapping.MaximumRecordAgeInSeconds);
        var expired = batch.Records.TakeWhile(r => r.ApproximateCreationDateTime < oldestAllowed).Count();
        if (expired == 0)
        {
            return batch;
        }
        if (expired == batch.Records.Count)
        {
            await DiscardAsync(batch, StreamFailureRecord.RecordAgeExceeded, cancellationToken);
            return null;
        }
        var old = batch with { Records = batch.Records.Take(expired).ToList() };
        EventSourceLog.Discarded(_logger, _mapping.Uuid, expired, old.Records[0].SequenceNumber, old.Records[^1].SequenceNumber, StreamFailureRecord.RecordAgeExceeded,
            _mapping.OnFailureDestination ?? "(none)");
        await _failures.DeliverAsync(_mapping, _shardId, old.Records, StreamFailureRecord.RecordAgeExceeded, old.Attempts, old.LastOutcome, cancellationToken);
        Commit(old.Records[^1].SequenceNumber);
        return batch with { Records = batch.Records.Skip(expired).ToList() };
    }

    /// <summary>
    /// Skips a batch for good, after sending its record to the on-failure destination (before the checkpoint moves,
    /// so a crash in between sends it again rather than never: at-least-once, like the delivery itself).
    /// </summary>
    private async Task DiscardAsync(StreamBatch batch, string condition, CancellationToken cancellationToken)
    {
        EventSourceLog.Discarded(_logger, _mapping.Uuid, batch.Records.Count, batch.Records[0].SequenceNumber, batch.Records[^1].SequenceNumber, condition,
            _mapping.OnFailureDestination ?? "(none)");
        await _failures.DeliverAsync(_mapping, _shardId, batch.Records, condition, batch.Attempts, batch.LastOutcome, cancellationToken);
        Commit(batch.LastSequenceNumber);
        _pending.RemoveAt(0);
    }

    private Task BackoffAsync(int attempt, CancellationToken cancellationToken)
    {
        var delay = _options.RetryDelay * Math.Pow(2, Math.Min(attempt - 1, 16));
        return Task.Delay(delay < _options.MaxRetryDelay ? delay : _options.MaxRetryDelay, _time, cancellationToken);
    }

    /// <summary>AWS/Lambda IteratorAge: how old the batch's last record is when the function gets it.</summary>
    private void PublishIteratorAge(StreamBatch batch)
    {
        if (_metrics is null)
        {
            return;
        }
        var now = _time.GetUtcNow();
        var age = Math.Max(0, (now - batch.Records[^1].ApproximateCreationDateTime).TotalMilliseconds);
        _metrics.Publish(new PublishedMetric(_mapping.Scope, "AWS/Lambda", "IteratorAge",
            [new("FunctionName", _mapping.FunctionName)], age, "Milliseconds", now));
        if (_mapping.Qualifier is not null)
        {
            _metrics.Publish(new PublishedMetric(_mapping.Scope, "AWS/Lambda", "IteratorAge",
                [new("FunctionName", _mapping.FunctionName), new("Resource", _mapping.FunctionName + ":" + _mapping.Qualifier)], age, "Milliseconds", now));
        }
    }
}
