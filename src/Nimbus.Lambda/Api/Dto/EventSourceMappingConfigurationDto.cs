using System.Text.Json.Serialization;

namespace Nimbus.Lambda.Api.Dto;

/// <summary><c>EventSourceMappingConfiguration</c> as Lambda returns it for a DynamoDB stream source.</summary>
internal sealed class EventSourceMappingConfigurationDto
{
    [JsonPropertyName("UUID")]
    public string? Uuid { get; set; }

    public string? StartingPosition { get; set; }

    public int BatchSize { get; set; }

    public int MaximumBatchingWindowInSeconds { get; set; }

    public int ParallelizationFactor { get; set; }

    public string? EventSourceArn { get; set; }

    public FilterCriteriaDto? FilterCriteria { get; set; }

    public string? FunctionArn { get; set; }

    /// <summary>A timestamp, which rest-json sends as epoch seconds.</summary>
    public double LastModified { get; set; }

    public string? LastProcessingResult { get; set; }

    public string? State { get; set; }

    public string? StateTransitionReason { get; set; }

    public DestinationConfigDto? DestinationConfig { get; set; }

    public int MaximumRecordAgeInSeconds { get; set; }

    public bool BisectBatchOnFunctionError { get; set; }

    public int MaximumRetryAttempts { get; set; }

    public int TumblingWindowInSeconds { get; set; }

    public List<string>? FunctionResponseTypes { get; set; }

    public string? EventSourceMappingArn { get; set; }
}
