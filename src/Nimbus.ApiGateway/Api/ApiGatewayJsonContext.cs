using System.Text.Json.Serialization;
using Nimbus.ApiGateway.Model;

namespace Nimbus.ApiGateway.Api;

/// <summary>
/// Source-generated serializers of the <c>apigatewayv2</c> shapes. The model's JSON names are the members in
/// camelCase (<c>apiId</c>, <c>routeKey</c>), so one naming policy covers every shape.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(HttpApi))]
[JsonSerializable(typeof(ApiInput))]
[JsonSerializable(typeof(ApiRoute))]
[JsonSerializable(typeof(ApiIntegration))]
[JsonSerializable(typeof(ApiStage))]
[JsonSerializable(typeof(ApiDeployment))]
[JsonSerializable(typeof(ApiAuthorizer))]
[JsonSerializable(typeof(DeploymentInput))]
[JsonSerializable(typeof(TagsBody))]
[JsonSerializable(typeof(Page<HttpApi>))]
[JsonSerializable(typeof(Page<ApiRoute>))]
[JsonSerializable(typeof(Page<ApiIntegration>))]
[JsonSerializable(typeof(Page<ApiStage>))]
[JsonSerializable(typeof(Page<ApiDeployment>))]
[JsonSerializable(typeof(Page<ApiAuthorizer>))]
[JsonSerializable(typeof(RouteResponse))]
[JsonSerializable(typeof(IntegrationResponse))]
[JsonSerializable(typeof(Page<RouteResponse>))]
[JsonSerializable(typeof(Page<IntegrationResponse>))]
internal sealed partial class ApiGatewayJsonContext : JsonSerializerContext;
