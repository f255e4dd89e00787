namespace Nimbus.Lambda.Api.Dto;

/// <summary>The body of <c>PutFunctionEventInvokeConfig</c> and <c>UpdateFunctionEventInvokeConfig</c>.</summary>
internal sealed class EventInvokeConfigRequestDto
{
    public int? MaximumRetryAttempts { get; set; }

    public int? MaximumEventAgeInSeconds { get; set; }

    public DestinationConfigDto? DestinationConfig { get; set; }
}
