namespace Nimbus.CloudWatch.Logs.Api.Shapes;

/// <summary>The payload of a <c>SessionTimeoutException</c> or <c>SessionStreamingException</c> message in the stream.</summary>
internal sealed class SessionExceptionShape
{
    public required string Message { get; init; }
}
