using System.Text.Json.Serialization;
using Nimbus.ApiGateway.RestApis.Model;

namespace Nimbus.ApiGateway.RestApis.Api;

/// <summary>Source-generated serializers of the <c>apigateway</c> (REST API) shapes, on the wire and in the store.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    Converters = [typeof(EpochSecondsConverter)])]
[JsonSerializable(typeof(RestApi))]
[JsonSerializable(typeof(RestResource))]
[JsonSerializable(typeof(RestMethod))]
[JsonSerializable(typeof(MethodResponse))]
[JsonSerializable(typeof(RestIntegration))]
[JsonSerializable(typeof(IntegrationResponse))]
[JsonSerializable(typeof(RestDeployment))]
[JsonSerializable(typeof(CreateDeploymentInput))]
[JsonSerializable(typeof(RestStage))]
[JsonSerializable(typeof(RestAuthorizer))]
[JsonSerializable(typeof(ApiKey))]
[JsonSerializable(typeof(CreateApiKeyInput))]
[JsonSerializable(typeof(UsagePlan))]
[JsonSerializable(typeof(UsagePlanKey))]
[JsonSerializable(typeof(UsageReport))]
[JsonSerializable(typeof(PatchInput))]
[JsonSerializable(typeof(RestTags))]
[JsonSerializable(typeof(RestPage<RestApi>))]
[JsonSerializable(typeof(RestPage<RestResource>))]
[JsonSerializable(typeof(RestPage<RestDeployment>))]
[JsonSerializable(typeof(RestPage<RestStage>))]
[JsonSerializable(typeof(RestPage<RestAuthorizer>))]
[JsonSerializable(typeof(RestPage<ApiKey>))]
[JsonSerializable(typeof(RestPage<UsagePlan>))]
[JsonSerializable(typeof(RestPage<UsagePlanKey>))]
[JsonSerializable(typeof(RestApiDocument))]
[JsonSerializable(typeof(RestSnapshot))]
[JsonSerializable(typeof(ApiKeyDocument))]
[JsonSerializable(typeof(UsagePlanDocument))]
internal sealed partial class RestJsonContext : JsonSerializerContext;
