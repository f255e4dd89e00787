using Nimbus.ApiGateway.Model;
using Nimbus.Core;

namespace Nimbus.ApiGateway.Service;

internal sealed partial class HttpApiService
{
    public ApiAuthorizer CreateAuthorizer(AwsScope scope, string apiId, ApiAuthorizer input)
    {
        Validation.RequireField(input.AuthorizerType, "AuthorizerType");
        Validation.RequireField(input.Name, "Name");
        Validation.RequireField(input.IdentitySource, "IdentitySource");
        return Mutate(scope, apiId, (doc, _) =>
        {
            var authorizer = input;
            authorizer.AuthorizerId = ApiIds.Authorizer();
            CheckAuthorizer(doc, authorizer);
            doc.Authorizers[authorizer.AuthorizerId] = authorizer;
            return authorizer;
        }, redeploy: true);
    }

    public ApiAuthorizer GetAuthorizer(AwsScope scope, string apiId, string authorizerId) =>
        Required(Find(scope, apiId).Authorizers, authorizerId, scope, apiId, "Authorizer");

    public IReadOnlyList<ApiAuthorizer> GetAuthorizers(AwsScope scope, string apiId) =>
        [.. Find(scope, apiId).Authorizers.Values.OrderBy(a => a.Name, StringComparer.Ordinal)];

    public ApiAuthorizer UpdateAuthorizer(AwsScope scope, string apiId, string authorizerId, ApiAuthorizer input) =>
        Mutate(scope, apiId, (doc, _) =>
        {
            var authorizer = Required(doc.Authorizers, authorizerId, scope, apiId, "Authorizer");
            authorizer.AuthorizerPayloadFormatVersion = input.AuthorizerPayloadFormatVersion ?? authorizer.AuthorizerPayloadFormatVersion;
            authorizer.AuthorizerResultTtlInSeconds = input.AuthorizerResultTtlInSeconds ?? authorizer.AuthorizerResultTtlInSeconds;
            authorizer.AuthorizerUri = input.AuthorizerUri ?? authorizer.AuthorizerUri;
            authorizer.EnableSimpleResponses = input.EnableSimpleResponses ?? authorizer.EnableSimpleResponses;
            authorizer.IdentitySource = input.IdentitySource ?? authorizer.IdentitySource;
            authorizer.JwtConfiguration = input.JwtConfiguration ?? authorizer.JwtConfiguration;
            authorizer.Name = input.Name ?? authorizer.Name;
            CheckAuthorizer(doc, authorizer);
            return authorizer;
        }, redeploy: true);

    public void DeleteAuthorizer(AwsScope scope, string apiId, string authorizerId) =>
        Mutate(scope, apiId, (doc, _) =>
        {
            Required(doc.Authorizers, authorizerId, scope, apiId, "Authorizer");
            if (doc.Routes.Values.Any(r => r.AuthorizerId == authorizerId))
            {
                throw ApiGatewayErrors.Conflict($"Cannot delete authorizer {authorizerId}: routes use it");
            }
            return doc.Authorizers.Remove(authorizerId);
        }, redeploy: true);

    /// <summary>Raised when a stage's cached authorizer results must be forgotten (ResetAuthorizersCache).</summary>
    public event Action<string>? AuthorizerCacheReset;

    public void ResetAuthorizersCache(AwsScope scope, string apiId, string stageName)
    {
        Required(Find(scope, apiId).Stages, stageName, scope, apiId, "Stage");
        AuthorizerCacheReset?.Invoke(apiId);
    }

    private static void CheckAuthorizer(ApiDocument doc, ApiAuthorizer authorizer)
    {
        switch (authorizer.AuthorizerType)
        {
            case "JWT":
                if (authorizer.JwtConfiguration?.Issuer is null)
                {
                    throw ApiGatewayErrors.BadRequest("JwtConfiguration with an Issuer is required for JWT authorizers");
                }
                if (authorizer.JwtConfiguration.Audience is not { Count: > 0 })
                {
                    throw ApiGatewayErrors.BadRequest("JwtConfiguration must have at least one Audience");
                }
                if (authorizer.IdentitySource is not { Count: 1 })
                {
                    throw ApiGatewayErrors.BadRequest("A JWT authorizer takes exactly one identity source");
                }
                break;
            case "REQUEST":
                if (authorizer.AuthorizerUri is null || IntegrationTarget.FunctionOf(authorizer.AuthorizerUri) is null)
                {
                    throw ApiGatewayErrors.BadRequest("A valid AuthorizerUri (a Lambda function) is required for REQUEST authorizers");
                }
                if (doc.Api.ProtocolType == "HTTP" && authorizer.AuthorizerPayloadFormatVersion is not ("1.0" or "2.0"))
                {
                    throw ApiGatewayErrors.BadRequest("AuthorizerPayloadFormatVersion must be 1.0 or 2.0 for REQUEST authorizers of HTTP APIs");
                }
                if (authorizer.EnableSimpleResponses == true && authorizer.AuthorizerPayloadFormatVersion != "2.0")
                {
                    throw ApiGatewayErrors.BadRequest("Simple responses are supported only with authorizer payload format version 2.0");
                }
                authorizer.AuthorizerResultTtlInSeconds ??= 0;
                authorizer.EnableSimpleResponses ??= false;
                break;
            default:
                throw ApiGatewayErrors.BadRequest($"Invalid authorizer type specified: {authorizer.AuthorizerType}");
        }
        if (authorizer.AuthorizerResultTtlInSeconds is < 0 or > 3600)
        {
            throw ApiGatewayErrors.BadRequest("AuthorizerResultTtlInSeconds must be between 0 and 3600");
        }
        if (authorizer.AuthorizerResultTtlInSeconds > 0 && authorizer.IdentitySource is not { Count: > 0 })
        {
            throw ApiGatewayErrors.BadRequest("Identity sources are required when authorizer caching is enabled");
        }
    }
}
