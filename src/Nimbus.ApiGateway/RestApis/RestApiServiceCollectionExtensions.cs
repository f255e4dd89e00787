using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nimbus.ApiGateway.RestApis.Api;
using Nimbus.ApiGateway.RestApis.Runtime;
using Nimbus.ApiGateway.RestApis.Service;
using Nimbus.ApiGateway.RestApis.Store;
using Nimbus.ApiGateway.Store;
using Nimbus.Protocol.SigV4;

namespace Nimbus.ApiGateway.RestApis;

internal static class RestApiServiceCollectionExtensions
{
    /// <summary>REST APIs (<c>apigateway</c>): their control plane, reached through API Gateway's control handler, and their data plane, through execute-api.</summary>
    public static IServiceCollection AddRestApis(this IServiceCollection services)
    {
        services.TryAddSingleton(new SigV4Credentials());
        services.TryAddSingleton<SigV4Verifier>();
        services.AddSingleton<IRestApiStore>(sp => new SqliteRestApiStore(sp.GetRequiredService<ApiGatewayDatabase>().Database));
        services.AddSingleton<RestApiService>();
        services.AddSingleton<UsageCounter>();
        services.AddSingleton<UsagePlanService>();
        services.AddSingleton<RestApiControlHandler>();
        services.AddSingleton<ServedRestApis>();
        services.AddSingleton<IamAuthorization>();
        services.AddSingleton<RestLambdaAuthorizer>();
        services.TryAddSingleton(new CognitoUserPoolOptions());
        services.AddSingleton<RestCognitoAuthorizer>();
        services.AddSingleton<UsagePlanMeter>();
        services.AddSingleton<ApiKeyGate>();
        services.AddSingleton<RestLambdaProxy>();
        services.AddSingleton<RestHttpProxy>();
        services.AddSingleton<MappedIntegration>();
        services.AddSingleton<RestApiEndpoint>();
        return services;
    }
}
