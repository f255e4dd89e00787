using System.Buffers;
using System.Text;
using System.Text.Json;
using Nimbus.ApiGateway.Runtime.Authorization;

namespace Nimbus.ApiGateway.Runtime;

/// <summary>
/// The Lambda event of payload format 2.0, field for field as AWS builds it ("Working with AWS Lambda proxy
/// integrations for HTTP APIs"): duplicate headers and query values joined with commas, cookies split out of the
/// <c>cookie</c> header, absent collections omitted, binary bodies base64-encoded. Lambda REQUEST authorizers of
/// format 2.0 get the same request fields plus <c>type</c>, <c>routeArn</c> and <c>identitySource</c>.
/// </summary>
internal static class PayloadV2Writer
{
    public static byte[] Event(GatewayRequest request) => Write(request, authorizer: null);

    public static byte[] AuthorizerEvent(GatewayRequest request, IReadOnlyList<string> identitySource) => Write(request, identitySource);

    private static byte[] Write(GatewayRequest request, IReadOnlyList<string>? authorizer)
    {
        var buffer = new ArrayBufferWriter<byte>(2048 + request.Body.Length * 4 / 3);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("version", "2.0");
            if (authorizer is not null)
            {
                json.WriteString("type", "REQUEST");
                json.WriteString("routeArn", request.RouteArn);
                json.WriteStartArray("identitySource");
                foreach (var value in authorizer)
                {
                    json.WriteStringValue(value);
                }
                json.WriteEndArray();
            }
            json.WriteString("routeKey", request.Route?.RouteKey ?? "$default");
            json.WriteString("rawPath", request.RawPath);
            json.WriteString("rawQueryString", request.RawQueryString);
            if (request.Cookies.Count > 0)
            {
                json.WriteStartArray("cookies");
                foreach (var cookie in request.Cookies)
                {
                    json.WriteStringValue(cookie);
                }
                json.WriteEndArray();
            }
            json.WriteStartObject("headers");
            foreach (var (name, values) in request.Headers)
            {
                if (name != "cookie")
                {
                    json.WriteString(name, string.Join(',', values));
                }
            }
            json.WriteEndObject();
            if (request.Query.Count > 0)
            {
                json.WriteStartObject("queryStringParameters");
                foreach (var group in request.Query.GroupBy(p => p.Key, StringComparer.Ordinal))
                {
                    json.WriteString(group.Key, string.Join(',', group.Select(p => p.Value)));
                }
                json.WriteEndObject();
            }
            WriteRequestContext(json, request, includeAuthorizer: authorizer is null);
            if (authorizer is null && request.Body.Length > 0)
            {
                WriteBody(json, request);
            }
            if (request.PathParameters.Count > 0)
            {
                WriteMap(json, "pathParameters", request.PathParameters);
            }
            if (authorizer is null)
            {
                json.WriteBoolean("isBase64Encoded", request.Body.Length > 0 && !request.BodyIsText);
            }
            if (request.Stage.StageVariables is { Count: > 0 } variables)
            {
                WriteMap(json, "stageVariables", variables);
            }
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteRequestContext(Utf8JsonWriter json, GatewayRequest request, bool includeAuthorizer)
    {
        json.WriteStartObject("requestContext");
        json.WriteString("accountId", request.Api.AccountId);
        json.WriteString("apiId", request.ApiId);
        if (includeAuthorizer)
        {
            WriteAuthorizer(json, request);
        }
        json.WriteString("domainName", request.DomainName);
        json.WriteString("domainPrefix", request.DomainPrefix);
        json.WriteStartObject("http");
        json.WriteString("method", request.Method);
        json.WriteString("path", request.RawPath);
        json.WriteString("protocol", request.Protocol);
        json.WriteString("sourceIp", request.SourceIp);
        json.WriteString("userAgent", request.UserAgent);
        json.WriteEndObject();
        json.WriteString("requestId", request.RequestId);
        json.WriteString("routeKey", request.Route?.RouteKey ?? "$default");
        json.WriteString("stage", request.StageName);
        json.WriteString("time", EventTime.Format(request.Time));
        json.WriteNumber("timeEpoch", request.Time.ToUnixTimeMilliseconds());
        json.WriteEndObject();
    }

    /// <summary><c>authorizer.jwt {claims, scopes}</c> or <c>authorizer.lambda {…context}</c>; absent without an authorizer.</summary>
    private static void WriteAuthorizer(Utf8JsonWriter json, GatewayRequest request)
    {
        if (request.JwtClaims is not null)
        {
            json.WriteStartObject("authorizer");
            json.WriteStartObject("jwt");
            WriteMap(json, "claims", request.JwtClaims);
            if (request.JwtScopes is { } scopes)
            {
                json.WriteStartArray("scopes");
                foreach (var scope in scopes)
                {
                    json.WriteStringValue(scope);
                }
                json.WriteEndArray();
            }
            else
            {
                json.WriteNull("scopes");
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        else if (request.LambdaAuthorizerContext is { } context)
        {
            json.WriteStartObject("authorizer");
            json.WritePropertyName("lambda");
            context.WriteTo(json);
            json.WriteEndObject();
        }
        else if (request.CallerAccessKey is not null)
        {
            CallerIdentity.WriteIam(json, request.CallerAccessKey, request.Api.AccountId);
        }
    }

    public static void WriteBody(Utf8JsonWriter json, GatewayRequest request)
    {
        if (request.BodyIsText)
        {
            json.WriteString("body", Encoding.UTF8.GetString(request.Body));
        }
        else
        {
            json.WriteBase64String("body", request.Body);
        }
    }

    public static void WriteMap(Utf8JsonWriter json, string name, IEnumerable<KeyValuePair<string, string>> map)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in map)
        {
            json.WriteString(key, value);
        }
        json.WriteEndObject();
    }
}
