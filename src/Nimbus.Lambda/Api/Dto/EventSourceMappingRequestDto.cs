using System.Text.Json;

namespace Nimbus.Lambda.Api.Dto;

/// <summary>
/// The body of <c>CreateEventSourceMapping</c> and <c>UpdateEventSourceMapping</c>. Members for other kinds of source
/// (Kafka, SQS, MQ, DocumentDB) are read as raw JSON only so that their presence can be refused by name.
/// </summary>
internal sealed class EventSourceMappingRequestDto
{
    public string? EventSourceArn { get; set; }

    public string? FunctionName { get; set; }

    public bool? Enabled { get; set; }

    public int? BatchSize { get; set; }

    public FilterCriteriaDto? FilterCriteria { get; set; }

    public int? MaximumBatchingWindowInSeconds { get; set; }

    public int? ParallelizationFactor { get; set; }

    public string? StartingPosition { get; set; }

    public JsonElement? StartingPositionTimestamp { get; set; }

    public DestinationConfigDto? DestinationConfig { get; set; }

    public int? MaximumRecordAgeInSeconds { get; set; }

    public bool? BisectBatchOnFunctionError { get; set; }

    public int? MaximumRetryAttempts { get; set; }

    public Dictionary<string, string>? Tags { get; set; }

    public int? TumblingWindowInSeconds { get; set; }

    public List<string>? FunctionResponseTypes { get; set; }

    public JsonElement? Topics { get; set; }

    public JsonElement? Queues { get; set; }

    public JsonElement? SourceAccessConfigurations { get; set; }

    public JsonElement? SelfManagedEventSource { get; set; }

    public JsonElement? AmazonManagedKafkaEventSourceConfig { get; set; }

    public JsonElement? SelfManagedKafkaEventSourceConfig { get; set; }

    public JsonElement? ScalingConfig { get; set; }

    public JsonElement? DocumentDBEventSourceConfig { get; set; }

    public JsonElement? KMSKeyArn { get; set; }

    public JsonElement? MetricsConfig { get; set; }

    public JsonElement? LoggingConfig { get; set; }

    public JsonElement? ProvisionedPollerConfig { get; set; }
}
