using System.Text.Json;
using Nimbus.ApiGateway.Model;

namespace Nimbus.ApiGateway.Runtime;

/// <summary>
/// One request on an API's data plane, read once and shared by routing, authorizers and integrations: the
/// pieces AWS puts in the Lambda event (headers lower-cased in arrival order, decoded query pairs, cookies).
/// </summary>
internal sealed partial class GatewayRequest : IProxyEventRequest
{
    public required ApiDocument Api { get; init; }
    public required ApiStage Stage { get; init; }
    public required CompiledDeployment Deployment { get; init; }
    public required string Method { get; init; }

    /// <summary>The path as the client sent it below the host (with the stage segment for named stages).</summary>
    public required string RawPath { get; init; }

    /// <summary>The path inside the stage, which routes are matched against.</summary>
    public required string StagePath { get; init; }

    public required string RawQueryString { get; init; }
    public required Dictionary<string, List<string>> Headers { get; init; }
    public required List<KeyValuePair<string, string>> Query { get; init; }
    public required List<string> Cookies { get; init; }
    public required byte[] Body { get; init; }
    public required string SourceIp { get; init; }
    public required string UserAgent { get; init; }
    public required string DomainName { get; init; }
    public required string Protocol { get; init; }
    public required string RequestId { get; init; }
    public required DateTimeOffset Time { get; init; }

    public string ApiId => Api.Api.ApiId!;
    public string StageName => Stage.StageName!;
    public string DomainPrefix => DomainName.Split('.')[0];

    public ApiRoute? Route { get; set; }
    public Dictionary<string, string> PathParameters { get; set; } = [];

    /// <summary>JWT claims and scopes when a JWT authorizer allowed the request.</summary>
    public Dictionary<string, string>? JwtClaims { get; set; }
    public List<string>? JwtScopes { get; set; }

    /// <summary>The <c>context</c> a Lambda authorizer returned (a JSON object), plus its principal for IAM responses.</summary>
    public JsonElement? LambdaAuthorizerContext { get; set; }
    public string? PrincipalId { get; set; }

    /// <summary>Who signed an AWS_IAM request (the access key id).</summary>
    public string? CallerAccessKey { get; set; }

    /// <summary>How long the integration took (CloudWatch IntegrationLatency); null when none was called.</summary>
    public TimeSpan? IntegrationLatency { get; set; }

    public string? Header(string lowerName) =>
        Headers.TryGetValue(lowerName, out var values) ? string.Join(',', values) : null;

    public string? QueryValue(string name)
    {
        string? found = null;
        foreach (var (key, value) in Query)
        {
            if (key == name)
            {
                found = found is null ? value : found + "," + value;
            }
        }
        return found;
    }

    /// <summary><c>arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}</c>, what IAM policies of authorizers name.</summary>
    public string RouteArn => $"arn:aws:execute-api:{Api.Region}:{Api.AccountId}:{ApiId}/{StageName}/{Method}{StagePath}";

    /// <summary>
    /// HTTP APIs pass text bodies as they are and base64-encode everything else; form posts count as binary, as on AWS.
    /// </summary>
    public bool BodyIsText
    {
        get
        {
            var type = Header("content-type");
            if (type is null)
            {
                return false;
            }
            var media = type.Split(';')[0].Trim().ToLowerInvariant();
            return media.StartsWith("text/", StringComparison.Ordinal) || media is "application/json" or "application/javascript" or "application/xml"
                or "application/yaml" or "application/x-yaml" or "application/graphql" || media.EndsWith("+json", StringComparison.Ordinal)
                || media.EndsWith("+xml", StringComparison.Ordinal);
        }
    }
}
