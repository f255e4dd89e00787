using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nimbus.ApiGateway.Monitoring;
using Nimbus.ApiGateway.Runtime.Authorization;
using Nimbus.Protocol;
using Nimbus.Protocol.SigV4;

namespace Nimbus.ApiGateway.WebSockets;

internal static class WebSocketServiceCollectionExtensions
{
    /// <summary>
    /// WebSocket APIs' data plane, the @connections API, AWS_IAM route authorization and API Gateway's metrics.
    /// <see cref="WebSocketLimits"/> registered before this call (the host's settings) win over the defaults.
    /// </summary>
    public static IServiceCollection AddNimbusWebSocketApis(this IServiceCollection services)
    {
        services.TryAddSingleton(new WebSocketLimits());
        services.TryAddSingleton(new SigV4Credentials());
        services.TryAddSingleton<SigV4Verifier>();
        services.AddSingleton<IamAuthorizer>();
        services.AddSingleton<ApiGatewayMetrics>();
        services.AddSingleton<ConnectionRegistry>();
        services.AddSingleton<MessageSender>();
        services.AddSingleton<WebSocketIntegration>();
        services.AddSingleton<ConnectionsApi>();
        services.AddSingleton<WebSocketAuthorizer>();
        services.AddSingleton<WebSocketApiKeys>();
        services.AddSingleton<WebSocketGateway>();
        services.AddSingleton<IAwsServiceHandler, ConnectionsServiceHandler>();
        return services;
    }
}
