using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nimbus.ApiGateway.Api;
using Nimbus.ApiGateway.RestApis;
using Nimbus.ApiGateway.Runtime;
using Nimbus.ApiGateway.Runtime.Authorization;
using Nimbus.ApiGateway.Service;
using Nimbus.ApiGateway.WebSockets;
using Nimbus.ApiGateway.Store;
using Nimbus.Core;
using Nimbus.Core.Storage;
using Nimbus.Protocol;
using Nimbus.Protocol.Routing;

namespace Nimbus.ApiGateway;

public static class ApiGatewayServiceCollectionExtensions
{
    /// <summary>
    /// API Gateway: the <c>apigatewayv2</c>/<c>apigateway</c> control plane on the edge endpoint and the execute-api
    /// data plane. Needs <see cref="NimbusPaths"/>, <see cref="EdgeEndpoint"/> and an <c>IFunctionInvoker</c>.
    /// </summary>
    public static IServiceCollection AddNimbusApiGateway(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new ApiGatewayDatabase(new SqliteDatabase(sp.GetRequiredService<NimbusPaths>().Database("apigateway"))));
        services.AddSingleton<IApiGatewayStore>(sp => new SqliteApiGatewayStore(sp.GetRequiredService<ApiGatewayDatabase>().Database));
        services.AddSingleton<HttpApiService>();
        services.AddSingleton<ServedApis>();
        services.AddSingleton<ThrottleRegistry>();
        services.AddSingleton<JwksCache>();
        services.AddSingleton<JwtValidator>();
        services.AddSingleton<JwtAuthorizer>();
        services.AddSingleton<AuthorizerCache>();
        services.AddSingleton<LambdaRequestAuthorizer>();
        services.AddSingleton<LambdaProxyIntegration>();
        services.AddSingleton<HttpProxyIntegration>();
        services.AddSingleton<AccessLogWriter>();
        services.AddSingleton<IAwsServiceHandler, ApiGatewayControlHandler>();
        services.AddSingleton<IHostedEndpointHandler, ExecuteApiEndpoint>();
        services.AddRestApis();
        services.AddNimbusWebSocketApis();
        return services;
    }
}
