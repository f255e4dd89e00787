using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Nimbus.ApiGateway.Runtime;

/// <summary>
/// The Lambda event of payload format 1.0 (the REST API proxy shape): last value in <c>headers</c> and
/// <c>queryStringParameters</c>, every value in the <c>multiValue…</c> maps, absent collections as <c>null</c>, and
/// the long <c>requestContext</c> with <c>identity</c>. Format-1.0 REQUEST authorizers get it with <c>type</c>,
/// <c>methodArn</c> and <c>identitySource</c> added. REST APIs build the same event (see <see cref="IProxyEventRequest"/>).
/// </summary>
internal static class PayloadV1Writer
{
    private static readonly string[] IdentityNames =
    [
        "accessKey", "accountId", "caller", "cognitoAuthenticationProvider", "cognitoAuthenticationType", "cognitoIdentityId",
        "cognitoIdentityPoolId", "principalOrgId",
    ];

    /// <summary>REST API events also name the API key the caller used (null without one).</summary>
    private static readonly string[] RestIdentityNames =
    [
        "accessKey", "accountId", "apiKey", "apiKeyId", "caller", "cognitoAuthenticationProvider", "cognitoAuthenticationType", "cognitoIdentityId",
        "cognitoIdentityPoolId", "principalOrgId",
    ];

    public static byte[] Event(IProxyEventRequest request) => Write(request, authorizer: false, identitySource: null);

    /// <summary>
    /// A REQUEST authorizer's event: the request plus <c>type</c> and <c>methodArn</c>; HTTP APIs add the resolved
    /// <paramref name="identitySource"/> (REST APIs pass null: their event has no such member).
    /// </summary>
    public static byte[] AuthorizerEvent(IProxyEventRequest request, IReadOnlyList<string>? identitySource) =>
        Write(request, authorizer: true, identitySource);

    private static byte[] Write(IProxyEventRequest request, bool authorizer, IReadOnlyList<string>? identitySource)
    {
        var buffer = new ArrayBufferWriter<byte>(3072 + request.Body.Length * 4 / 3);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (request.EventVersion is { } version)
            {
                json.WriteString("version", version);
            }
            if (authorizer)
            {
                json.WriteString("type", "REQUEST");
                json.WriteString("methodArn", request.RouteArn);
                if (identitySource is not null)
                {
                    json.WriteString("identitySource", string.Join(',', identitySource));
                    json.WriteString("authorizationToken", string.Join(',', identitySource));
                }
            }
            json.WriteString("resource", request.ResourcePath);
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
            WriteRequestContext(json, request, includeAuthorizer: !authorizer);
            if (request.PathParameters.Count > 0)
            {
                PayloadV2Writer.WriteMap(json, "pathParameters", request.PathParameters);
            }
            else
            {
                json.WriteNull("pathParameters");
            }
            if (request.StageVariables is { Count: > 0 } variables)
            {
                PayloadV2Writer.WriteMap(json, "stageVariables", variables);
            }
            else
            {
                json.WriteNull("stageVariables");
            }
            if (!authorizer)
            {
                if (request.Body.Length == 0)
                {
                    json.WriteNull("body");
                }
                else if (request.BodyIsBase64)
                {
                    json.WriteBase64String("body", request.Body);
                }
                else
                {
                    json.WriteString("body", Encoding.UTF8.GetString(request.Body));
                }
                json.WriteBoolean("isBase64Encoded", request.Body.Length > 0 && request.BodyIsBase64);
            }
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteQuery(Utf8JsonWriter json, IProxyEventRequest request)
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

    private static void WriteRequestContext(Utf8JsonWriter json, IProxyEventRequest request, bool includeAuthorizer)
    {
        json.WriteStartObject("requestContext");
        json.WriteString("accountId", request.AccountId);
        json.WriteString("apiId", request.ApiId);
        if (includeAuthorizer)
        {
            request.WriteAuthorizer(json);
        }
        json.WriteString("domainName", request.DomainName);
        json.WriteString("domainPrefix", request.DomainPrefix);
        json.WriteString("extendedRequestId", request.ExtendedRequestId);
        json.WriteString("httpMethod", request.Method);
        json.WriteStartObject("identity");
        foreach (var name in request.EventVersion is null ? RestIdentityNames : IdentityNames)
        {
            json.WriteString(name, request.Identity(name));
        }
        json.WriteString("sourceIp", request.SourceIp);
        json.WriteString("user", request.Identity("user"));
        json.WriteString("userAgent", request.UserAgent);
        json.WriteString("userArn", request.Identity("userArn"));
        json.WriteEndObject();
        json.WriteString("path", request.RawPath);
        json.WriteString("protocol", request.Protocol);
        json.WriteString("requestId", request.RequestId);
        json.WriteString("requestTime", EventTime.Format(request.Time));
        json.WriteNumber("requestTimeEpoch", request.Time.ToUnixTimeMilliseconds());
        json.WriteString("resourceId", request.ResourceId);
        json.WriteString("resourcePath", request.ResourcePath);
        json.WriteString("stage", request.StageName);
        json.WriteEndObject();
    }

    public static void WriteArray(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }
        json.WriteEndArray();
    }
}
