using System.Text.Json;
using Nimbus.ApiGateway.RestApis.Model;
using Nimbus.ApiGateway.Runtime;
using Nimbus.ApiGateway.Runtime.Authorization;

namespace Nimbus.ApiGateway.RestApis.Runtime;

/// <summary>
/// One request to a REST API stage, read once and shared by authorizers, API keys and integrations: headers keep the
/// client's case (as REST APIs pass them), the resource and method it matched, and what authorization added.
/// </summary>
internal sealed class RestRequest : IProxyEventRequest
{
    public required RestApiDocument Api { get; init; }
    public required RestStage Stage { get; init; }
    public required CompiledRestDeployment Deployment { get; init; }
    public required RestResource Resource { get; init; }
    public required RestMethod MethodConfig { get; init; }
    public required string Method { get; init; }
    public required string RawPath { get; init; }
    public required string StagePath { get; init; }
    public required string RawQueryString { get; init; }
    public required Dictionary<string, List<string>> Headers { get; init; }
    public required List<KeyValuePair<string, string>> Query { get; init; }
    public required Dictionary<string, string> PathParameters { get; init; }
    public required byte[] Body { get; init; }
    public required string SourceIp { get; init; }
    public required string UserAgent { get; init; }
    public required string DomainName { get; init; }
    public required string Protocol { get; init; }
    public required string RequestId { get; init; }
    public required string ExtendedRequestId { get; init; }
    public required DateTimeOffset Time { get; init; }

    string? IProxyEventRequest.EventVersion => null;
    public string AccountId => Api.AccountId;
    public string ApiId => Api.Api.Id!;
    public string StageName => Stage.StageName!;
    public string ResourcePath => Resource.Path!;
    public string ResourceId => Resource.Id!;
    public string DomainPrefix => DomainName.Split('.')[0];
    public IReadOnlyDictionary<string, string>? StageVariables => Stage.Variables;

    /// <summary><c>arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}</c>: the <c>methodArn</c> authorizers get.</summary>
    public string RouteArn => $"arn:aws:execute-api:{Api.Region}:{Api.AccountId}:{ApiId}/{StageName}/{Method}{StagePath}";

    /// <summary>REST APIs pass bodies as text unless their media type is one of the API's <c>binaryMediaTypes</c>.</summary>
    public bool BodyIsBase64 => Body.Length > 0 && BinaryMedia.Matches(Api.Api.BinaryMediaTypes, Header("content-type"));

    /// <summary>The API key the request used (after the key check), and its id.</summary>
    public string? ApiKey { get; set; }
    public string? ApiKeyId { get; set; }

    /// <summary>A Lambda authorizer's principal and <c>context</c>, and the API key it named (<c>usageIdentifierKey</c>).</summary>
    public string? PrincipalId { get; set; }
    public Dictionary<string, JsonElement>? AuthorizerContext { get; set; }
    public long AuthorizerLatencyMs { get; set; }
    public string? UsageIdentifierKey { get; set; }

    /// <summary>The claims of the token a Cognito user pool authorizer accepted (<c>requestContext.authorizer.claims</c>).</summary>
    public Dictionary<string, string>? CognitoClaims { get; set; }

    /// <summary>Who signed an AWS_IAM request, and the account of that key (the root principal of which is the caller).</summary>
    public string? CallerAccessKey { get; set; }
    public string? CallerAccountId { get; set; }

    public string? Header(string name) => Headers.TryGetValue(name, out var values) ? string.Join(',', values) : null;

    public string? QueryValue(string name)
    {
        string? found = null;
        foreach (var (key, value) in Query)
        {
            if (key == name)
            {
                found = value;
            }
        }
        return found;
    }

    public string? Identity(string name) => name switch
    {
        "apiKey" => ApiKey,
        "apiKeyId" => ApiKeyId,
        _ => CallerIdentity.Of(CallerAccessKey, CallerAccountId ?? AccountId, name),
    };

    /// <summary>
    /// Only requests an authorizer allowed carry <c>authorizer</c>: a Cognito authorizer's <c>claims</c>; a Lambda
    /// authorizer's <c>principalId</c>, <c>integrationLatency</c> and each <c>context</c> member at the top level, as
    /// REST APIs flatten them.
    /// </summary>
    public void WriteAuthorizer(Utf8JsonWriter json)
    {
        if (CognitoClaims is not null)
        {
            json.WriteStartObject("authorizer");
            PayloadV2Writer.WriteMap(json, "claims", CognitoClaims);
            json.WriteEndObject();
            return;
        }
        if (PrincipalId is null && AuthorizerContext is null)
        {
            return;
        }
        json.WriteStartObject("authorizer");
        foreach (var (name, value) in AuthorizerContext ?? [])
        {
            json.WritePropertyName(name);
            value.WriteTo(json);
        }
        json.WriteString("principalId", PrincipalId);
        json.WriteNumber("integrationLatency", AuthorizerLatencyMs);
        json.WriteEndObject();
    }
}
