using System.Text.Json;
using Nimbus.Lambda.Api.Dto;
using Nimbus.Lambda.EventSources;

namespace Nimbus.Lambda.Api;

/// <summary>Between the wire shapes of the event source mapping operations and the service's types.</summary>
internal static class EventSourceMappingWire
{
    public static async Task<EventSourceMappingInput> ReadInputAsync(LambdaCall call)
    {
        var dto = await call.ReadJsonAsync(EventSourceJsonContext.Default.EventSourceMappingRequestDto);
        return new EventSourceMappingInput
        {
            EventSourceArn = dto.EventSourceArn,
            FunctionName = dto.FunctionName,
            Enabled = dto.Enabled,
            BatchSize = dto.BatchSize,
            FilterPatterns = dto.FilterCriteria is null ? null : (dto.FilterCriteria.Filters ?? []).Select(f => f.Pattern).ToList(),
            MaximumBatchingWindowInSeconds = dto.MaximumBatchingWindowInSeconds,
            ParallelizationFactor = dto.ParallelizationFactor,
            StartingPosition = dto.StartingPosition,
            HasStartingPositionTimestamp = Given(dto.StartingPositionTimestamp),
            HasDestinationConfig = dto.DestinationConfig is not null,
            OnFailure = dto.DestinationConfig?.OnFailure?.Destination,
            HasOnSuccess = dto.DestinationConfig?.OnSuccess is not null,
            MaximumRecordAgeInSeconds = dto.MaximumRecordAgeInSeconds,
            BisectBatchOnFunctionError = dto.BisectBatchOnFunctionError,
            MaximumRetryAttempts = dto.MaximumRetryAttempts,
            TumblingWindowInSeconds = dto.TumblingWindowInSeconds,
            FunctionResponseTypes = dto.FunctionResponseTypes,
            OtherSourceParameters = OtherSourceParameters(dto),
        };
    }

    public static EventSourceMappingConfigurationDto ToDto(EventSourceMapping mapping) => new()
    {
        Uuid = mapping.Uuid,
        StartingPosition = mapping.StartingPosition,
        BatchSize = mapping.BatchSize,
        MaximumBatchingWindowInSeconds = mapping.MaximumBatchingWindowInSeconds,
        ParallelizationFactor = mapping.ParallelizationFactor,
        EventSourceArn = mapping.EventSourceArn,
        FilterCriteria = mapping.FilterPatterns is { } patterns ? new FilterCriteriaDto { Filters = patterns.Select(p => new FilterDto { Pattern = p }).ToList() } : null,
        FunctionArn = EventSourceMappingService.FunctionArn(mapping),
        LastModified = Math.Round(mapping.LastModified.ToUnixTimeMilliseconds() / 1000.0, 3),
        LastProcessingResult = mapping.LastProcessingResult,
        State = mapping.State,
        StateTransitionReason = mapping.StateTransitionReason,
        // AWS always answers an (empty) OnFailure for stream sources.
        DestinationConfig = new DestinationConfigDto { OnFailure = new DestinationDto { Destination = mapping.OnFailureDestination } },
        MaximumRecordAgeInSeconds = mapping.MaximumRecordAgeInSeconds,
        BisectBatchOnFunctionError = mapping.BisectBatchOnFunctionError,
        MaximumRetryAttempts = mapping.MaximumRetryAttempts,
        TumblingWindowInSeconds = mapping.TumblingWindowInSeconds,
        FunctionResponseTypes = mapping.FunctionResponseTypes.ToList(),
        EventSourceMappingArn = EventSourceMappingService.MappingArn(mapping),
    };

    public static Task WriteAsync(LambdaCall call, int status, EventSourceMapping mapping) =>
        call.WriteJsonAsync(status, ToDto(mapping), EventSourceJsonContext.Default.EventSourceMappingConfigurationDto);

    private static bool Given(JsonElement? value) => value is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) };

    private static List<string> OtherSourceParameters(EventSourceMappingRequestDto dto)
    {
        var present = new List<string>();
        foreach (var (name, value) in new (string, JsonElement?)[]
        {
            ("Topics", dto.Topics), ("Queues", dto.Queues), ("SourceAccessConfigurations", dto.SourceAccessConfigurations),
            ("SelfManagedEventSource", dto.SelfManagedEventSource), ("AmazonManagedKafkaEventSourceConfig", dto.AmazonManagedKafkaEventSourceConfig),
            ("SelfManagedKafkaEventSourceConfig", dto.SelfManagedKafkaEventSourceConfig), ("ScalingConfig", dto.ScalingConfig),
            ("DocumentDBEventSourceConfig", dto.DocumentDBEventSourceConfig), ("KMSKeyArn", dto.KMSKeyArn), ("MetricsConfig", dto.MetricsConfig),
            ("LoggingConfig", dto.LoggingConfig), ("ProvisionedPollerConfig", dto.ProvisionedPollerConfig),
        })
        {
            if (Given(value))
            {
                present.Add(name);
            }
        }
        return present;
    }
}
