namespace Nimbus.Lambda.Api.Dto;

/// <summary><c>FunctionEventInvokeConfig</c>; <c>LastModified</c> is a rest-json timestamp (epoch seconds).</summary>
internal sealed class FunctionEventInvokeConfigDto
{
    public double LastModified { get; set; }

    public string? FunctionArn { get; set; }

    public int? MaximumRetryAttempts { get; set; }

    public int? MaximumEventAgeInSeconds { get; set; }

    public DestinationConfigDto? DestinationConfig { get; set; }
}
