using System.Collections.Concurrent;
using System.Threading.Channels;
using Nimbus.Core;
using Nimbus.Core.Streams;
using Nimbus.Lambda.Service;

namespace Nimbus.Lambda.EventSources;

/// <summary>
/// The event source mapping control plane (Create/Get/List/Update/Delete). Knows nothing of HTTP. Every change is
/// stored first, then announced on <see cref="Changes"/>, where the <see cref="StreamMappingPoller"/> picks it up and
/// settles the transitional state (<c>Creating</c> → <c>Enabled</c>, <c>Deleting</c> → gone, …).
/// </summary>
internal sealed partial class EventSourceMappingService
{
    private readonly ConcurrentDictionary<string, EventSourceMapping> _mappings = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private readonly Channel<string> _changes = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IEventSourceMappingStore _store;
    private readonly LambdaService _functions;
    private readonly ITableStreamSource? _streams;
    private readonly TimeProvider _time;

    public EventSourceMappingService(IEventSourceMappingStore store, LambdaService functions, IEnumerable<ITableStreamSource> streams, TimeProvider time)
    {
        _store = store;
        _functions = functions;
        // Optional: Lambda hosted without DynamoDB has no stream to map.
        _streams = streams.FirstOrDefault();
        _time = time;
        foreach (var mapping in _store.LoadAll())
        {
            _mappings[mapping.Uuid] = mapping;
        }
    }

    /// <summary>UUIDs of mappings that changed; the poller reconciles each.</summary>
    public ChannelReader<string> Changes => _changes.Reader;

    public ITableStreamSource? Streams => _streams;

    public IEnumerable<EventSourceMapping> All => _mappings.Values;

    public EventSourceMapping? Find(string uuid) => _mappings.GetValueOrDefault(uuid);

    public static string MappingArn(EventSourceMapping mapping) => Arn.Build("lambda", mapping.Scope, "event-source-mapping:" + mapping.Uuid);

    public static string FunctionArn(EventSourceMapping mapping) => LambdaService.FunctionArn(mapping.Scope, mapping.FunctionName, mapping.Qualifier);

    public EventSourceMapping Create(AwsScope scope, EventSourceMappingInput input)
    {
        EventSourceMappingValidator.ValidateModel(input);
        if (input.FunctionName is null)
        {
            throw LambdaErrors.Validation([LambdaErrors.Violation(null, "functionName", "not be null")]);
        }
        var (name, qualifier) = FunctionNameParser.Parse(input.FunctionName, null);
        EventSourceMappingValidator.RequireDynamoDbStream(input.EventSourceArn);
        var sourceArn = input.EventSourceArn!;
        EventSourceMappingValidator.ValidateForStreams(input, sourceArn, create: true);
        var filters = EventSourceMappingValidator.CompileFilters(input.FilterPatterns);
        RequireFunction(scope, name, qualifier);
        if (_streams is null || !_streams.StreamExists(sourceArn))
        {
            throw EventSourceErrors.StreamNotFound(sourceArn);
        }
        var mapping = new EventSourceMapping
        {
            Uuid = Guid.NewGuid().ToString("D"),
            AccountId = scope.AccountId,
            Region = scope.Region,
            FunctionName = name,
            Qualifier = qualifier,
            EventSourceArn = sourceArn,
            State = MappingStates.Creating,
            Enabled = input.Enabled ?? true,
            BatchSize = input.BatchSize ?? 100,
            MaximumBatchingWindowInSeconds = input.MaximumBatchingWindowInSeconds ?? 0,
            ParallelizationFactor = input.ParallelizationFactor ?? 1,
            StartingPosition = input.StartingPosition!,
            MaximumRetryAttempts = input.MaximumRetryAttempts ?? -1,
            MaximumRecordAgeInSeconds = input.MaximumRecordAgeInSeconds ?? -1,
            BisectBatchOnFunctionError = input.BisectBatchOnFunctionError ?? false,
            TumblingWindowInSeconds = input.TumblingWindowInSeconds ?? 0,
            FilterPatterns = filters is { Count: > 0 } ? filters : null,
            FunctionResponseTypes = input.FunctionResponseTypes ?? [],
            OnFailureDestination = NullIfEmpty(input.OnFailure),
            LastModified = _time.GetUtcNow(),
        };
        // LATEST means "records written after the mapping was created": fix that position now, not when polling starts.
        var checkpoint = mapping.StartingPosition == "LATEST" ? _streams.LatestSequenceNumber(sourceArn) : null;
        lock (_gate)
        {
            RequireUnique(mapping);
            _store.Insert(mapping, checkpoint);
            _mappings[mapping.Uuid] = mapping;
        }
        _changes.Writer.TryWrite(mapping.Uuid);
        return mapping;
    }

    public EventSourceMapping Get(AwsScope scope, string uuid) =>
        _mappings.TryGetValue(uuid, out var mapping) && mapping.Scope == scope ? mapping : throw EventSourceErrors.NotFound();

    public (List<EventSourceMapping> Page, string? NextMarker) List(AwsScope scope, string? eventSourceArn, string? functionName, string? marker, int maxItems)
    {
        (string Name, string? Qualifier)? function = functionName is null ? null : FunctionNameParser.Parse(functionName, null);
        var all = _mappings.Values
            .Where(m => m.Scope == scope && (eventSourceArn is null || m.EventSourceArn == eventSourceArn))
            .Where(m => function is not { } f || (m.FunctionName == f.Name && (f.Qualifier is null || m.Qualifier == f.Qualifier)))
            .OrderBy(m => m.Uuid, StringComparer.Ordinal)
            .ToList();
        var start = 0;
        if (!string.IsNullOrEmpty(marker))
        {
            start = all.FindIndex(m => string.CompareOrdinal(m.Uuid, marker) > 0);
            start = start < 0 ? all.Count : start;
        }
        var page = all.Skip(start).Take(maxItems).ToList();
        return (page, start + page.Count < all.Count ? page[^1].Uuid : null);
    }

    public EventSourceMapping Update(AwsScope scope, string uuid, EventSourceMappingInput input)
    {
        EventSourceMappingValidator.ValidateModel(input);
        var current = Get(scope, uuid);
        EventSourceMappingValidator.ValidateForStreams(input, current.EventSourceArn, create: false);
        var filters = EventSourceMappingValidator.CompileFilters(input.FilterPatterns);
        var (name, qualifier) = input.FunctionName is null ? (current.FunctionName, current.Qualifier) : FunctionNameParser.Parse(input.FunctionName, null);
        if (input.FunctionName is not null)
        {
            RequireFunction(scope, name, qualifier);
        }
        EventSourceMapping updated;
        lock (_gate)
        {
            current = Get(scope, uuid);
            if (current.IsTransitional)
            {
                throw EventSourceErrors.InUse("update");
            }
            var enabled = input.Enabled ?? current.Enabled;
            updated = current with
            {
                FunctionName = name,
                Qualifier = qualifier,
                Enabled = enabled,
                State = enabled == current.Enabled ? MappingStates.Updating : enabled ? MappingStates.Enabling : MappingStates.Disabling,
                StateTransitionReason = "User action",
                BatchSize = input.BatchSize ?? current.BatchSize,
                MaximumBatchingWindowInSeconds = input.MaximumBatchingWindowInSeconds ?? current.MaximumBatchingWindowInSeconds,
                ParallelizationFactor = input.ParallelizationFactor ?? current.ParallelizationFactor,
                MaximumRetryAttempts = input.MaximumRetryAttempts ?? current.MaximumRetryAttempts,
                MaximumRecordAgeInSeconds = input.MaximumRecordAgeInSeconds ?? current.MaximumRecordAgeInSeconds,
                BisectBatchOnFunctionError = input.BisectBatchOnFunctionError ?? current.BisectBatchOnFunctionError,
                TumblingWindowInSeconds = input.TumblingWindowInSeconds ?? current.TumblingWindowInSeconds,
                FilterPatterns = input.FilterPatterns is null ? current.FilterPatterns : filters is { Count: > 0 } ? filters : null,
                FunctionResponseTypes = input.FunctionResponseTypes ?? current.FunctionResponseTypes,
                OnFailureDestination = input.HasDestinationConfig ? NullIfEmpty(input.OnFailure) : current.OnFailureDestination,
                LastModified = _time.GetUtcNow(),
            };
            RequireUnique(updated);
            Save(updated);
        }
        _changes.Writer.TryWrite(uuid);
        return updated;
    }

    public EventSourceMapping Delete(AwsScope scope, string uuid)
    {
        EventSourceMapping deleting;
        lock (_gate)
        {
            var current = Get(scope, uuid);
            if (current.IsTransitional)
            {
                throw EventSourceErrors.InUse("delete");
            }
            deleting = current with { State = MappingStates.Deleting, StateTransitionReason = "User action" };
            Save(deleting);
        }
        _changes.Writer.TryWrite(uuid);
        return deleting;
    }

    /// <summary>One mapping per stream and function (the same qualifier), as AWS enforces.</summary>
    private void RequireUnique(EventSourceMapping mapping)
    {
        var functionArn = FunctionArn(mapping);
        if (_mappings.Values.FirstOrDefault(m => m.Uuid != mapping.Uuid && m.EventSourceArn == mapping.EventSourceArn && FunctionArn(m) == functionArn) is { } other)
        {
            throw EventSourceErrors.Duplicate(mapping.EventSourceArn, mapping.FunctionName, other.Uuid);
        }
    }

    private void RequireFunction(AwsScope scope, string name, string? qualifier) =>
        _functions.ResolveVersion(_functions.Get(scope, name, qualifier), qualifier);

    private void Save(EventSourceMapping mapping)
    {
        _store.Update(mapping);
        _mappings[mapping.Uuid] = mapping;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
