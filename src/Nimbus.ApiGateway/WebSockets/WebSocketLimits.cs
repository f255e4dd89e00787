namespace Nimbus.ApiGateway.WebSockets;

/// <summary>
/// WebSocket API quotas as AWS sets them ("Amazon API Gateway quotas for configuring and running a WebSocket API"):
/// 128 KB messages, 32 KB frames, 10 minutes idle timeout, 2 hours per connection. Changeable so tests need not wait.
/// </summary>
public sealed record WebSocketLimits
{
    public int MaxMessageBytes { get; init; } = 128 * 1024;

    public int MaxFrameBytes { get; init; } = 32 * 1024;

    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(10);

    public TimeSpan MaxConnectionDuration { get; init; } = TimeSpan.FromHours(2);
}
