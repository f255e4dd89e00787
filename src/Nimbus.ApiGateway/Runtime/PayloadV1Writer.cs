using System.Buffers;
using System.Text.Json;

namespace Nimbus.ApiGateway.Runtime;

/// <summary>
/// The Lambda event of payload format 1.0 (the REST API proxy shape): last value in <c>headers</c> and
/// <c>queryStringParameters</c>, every value in the <c>multiValue…</c> maps, absent collections as <c>null</c>, and
/// the long <c>requestContext</c> with <c>identity</c>. Format-1.0 REQUEST authorizers get it with <c>type</c>,
/// <c>methodArn</c> and <c>identitySource</c> added.
/// </summary>
internal static class PayloadV1Writer
{
    private static readonly string[] IdentityNulls =
    [
        "accessKey", "accountId", "caller", "cognitoAuthenticationProvider", "cognitoAuthenticationType", "cognitoIdentityId",
        "cognitoIdentityPoolId", "principalOrgId",
    ];

    public static byte[] Event(GatewayRequest request) => Write(request, authorizer: null);

    public static byte[] AuthorizerEvent(GatewayRequest request, IReadOnlyList<string> identitySource) => Write(request, identitySource);

    private static byte[] Write(GatewayRequest request, IReadOnlyList<string>? authorizer)
    {
        var buffer = new ArrayBufferWriter<byte>(3072 + request.Body.Length * 4 / 3);
        using (var json = new Utf8JsonWriter(buffer))
        {
            var resource = ResourceOf(request);
            json.WriteStartObject();
            json.WriteString("version", "1.0");
            if (authorizer is not null)
            {
                json.WriteString("type", "REQUEST");
                json.WriteString("methodArn", request.RouteArn);
                json.WriteString("identitySource", string.Join(',', authorizer));
                json.WriteString("authorizationToken", string.Join(',', authorizer));
            }
            json.WriteString("resource", resource);
            json.WriteString("path", request.StagePath);
            json.WriteString("httpMethod", request.Method);
            json.WriteStartObject("headers");
            foreach (var (name, values) in request.Headers)
            {
                json.WriteString(name, values[^1]);
            }
            json.WriteEndObject();
            json.WriteStartObject("multiValueHeaders");
            foreach (var (name, values) in request.Headers)
            {
                WriteArray(json, name, values);
            }
            json.WriteEndObject();
            WriteQuery(json, request);
            WriteRequestContext(json, request, resource, authorizer is null);
            if (request.PathParameters.Count > 0)
            {
                PayloadV2Writer.WriteMap(json, "pathParameters", request.PathParameters);
            }
            else
            {
                json.WriteNull("pathParameters");
            }
            if (request.Stage.StageVariables is { Count: > 0 } variables)
            {
                PayloadV2Writer.WriteMap(json, "stageVariables", variables);
            }
            else
            {
                json.WriteNull("stageVariables");
            }
            if (authorizer is null)
            {
                if (request.Body.Length > 0)
                {
                    PayloadV2Writer.WriteBody(json, request);
                }
                else
                {
                    json.WriteNull("body");
                }
                json.WriteBoolean("isBase64Encoded", request.Body.Length > 0 && !request.BodyIsText);
            }
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The route's path (<c>/items/{id}</c>); for <c>$default</c>, the request's own path.</summary>
    private static string ResourceOf(GatewayRequest request)
    {
        var key = request.Route?.RouteKey;
        var space = key?.IndexOf(' ') ?? -1;
        return space > 0 ? key![(space + 1)..] : request.StagePath;
    }

    private static void WriteQuery(Utf8JsonWriter json, GatewayRequest request)
    {
        if (request.Query.Count == 0)
        {
            json.WriteNull("queryStringParameters");
            json.WriteNull("multiValueQueryStringParameters");
            return;
        }
        var groups = request.Query.GroupBy(p => p.Key, StringComparer.Ordinal).ToList();
        json.WriteStartObject("queryStringParameters");
        foreach (var group in groups)
        {
            json.WriteString(group.Key, group.Last().Value);
        }
        json.WriteEndObject();
        json.WriteStartObject("multiValueQueryStringParameters");
        foreach (var group in groups)
        {
            WriteArray(json, group.Key, group.Select(p => p.Value));
        }
        json.WriteEndObject();
    }

    private static void WriteRequestContext(Utf8JsonWriter json, GatewayRequest request, string resource, bool includeAuthorizer)
    {
        json.WriteStartObject("requestContext");
        json.WriteString("accountId", request.Api.AccountId);
        json.WriteString("apiId", request.ApiId);
        if (includeAuthorizer)
        {
            json.WriteStartObject("authorizer");
            if (request.LambdaAuthorizerContext is { } context)
            {
                json.WritePropertyName("lambda");
                context.WriteTo(json);
            }
            else
            {
                if (request.JwtClaims is not null)
                {
                    PayloadV2Writer.WriteMap(json, "claims", request.JwtClaims);
                }
                else
                {
                    json.WriteNull("claims");
                }
                if (request.JwtScopes is { } scopes)
                {
                    WriteArray(json, "scopes", scopes);
                }
                else
                {
                    json.WriteNull("scopes");
                }
            }
            json.WriteEndObject();
        }
        json.WriteString("domainName", request.DomainName);
        json.WriteString("domainPrefix", request.DomainPrefix);
        json.WriteString("extendedRequestId", request.RequestId);
        json.WriteString("httpMethod", request.Method);
        json.WriteStartObject("identity");
        foreach (var name in IdentityNulls)
        {
            json.WriteNull(name);
        }
        json.WriteString("sourceIp", request.SourceIp);
        json.WriteNull("user");
        json.WriteString("userAgent", request.UserAgent);
        json.WriteNull("userArn");
        json.WriteEndObject();
        json.WriteString("path", request.RawPath);
        json.WriteString("protocol", request.Protocol);
        json.WriteString("requestId", request.RequestId);
        json.WriteString("requestTime", EventTime.Format(request.Time));
        json.WriteNumber("requestTimeEpoch", request.Time.ToUnixTimeMilliseconds());
        json.WriteString("resourceId", request.Route?.RouteKey ?? "$default");
        json.WriteString("resourcePath", resource);
        json.WriteString("stage", request.StageName);
        json.WriteEndObject();
    }

    private static void WriteArray(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }
        json.WriteEndArray();
    }
}
