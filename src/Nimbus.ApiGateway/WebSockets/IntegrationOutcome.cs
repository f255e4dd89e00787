using Nimbus.ApiGateway.Runtime;

namespace Nimbus.ApiGateway.WebSockets;

/// <summary>
/// What a WebSocket route's integration answered: the mapped response (null when calling the integration failed —
/// a function error, a timeout, a malformed result) and how long the call took (null for MOCK, which AWS leaves out of
/// IntegrationLatency).
/// </summary>
internal sealed record IntegrationOutcome(GatewayResponse? Response, TimeSpan? Latency)
{
    public bool Failed => Response is null;

    public bool IsSuccess => Response is { StatusCode: >= 200 and < 300 };
}
