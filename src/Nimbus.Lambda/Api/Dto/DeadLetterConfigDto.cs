namespace Nimbus.Lambda.Api.Dto;

/// <summary><c>DeadLetterConfig</c>: the SQS queue or SNS topic for events that failed every attempt.</summary>
internal sealed class DeadLetterConfigDto
{
    public string? TargetArn { get; set; }
}
