using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Nimbus.ApiGateway.Runtime;

namespace Nimbus.ApiGateway.RestApis.Runtime;

/// <summary>
/// REST APIs' own answers (their default gateway responses): <c>{"message":"…"}</c> with the error type in
/// <c>x-amzn-ErrorType</c>, as AWS sends them.
/// </summary>
internal static class RestResponses
{
    public static GatewayResponse Error(int status, string errorType, string? message)
    {
        var buffer = new ArrayBufferWriter<byte>(64 + (message?.Length ?? 0));
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("message", message);
            json.WriteEndObject();
        }
        var response = new GatewayResponse(status) { Body = buffer.WrittenSpan.ToArray() };
        response.Headers.Add(new("Content-Type", "application/json"));
        response.Headers.Add(new("x-amzn-ErrorType", errorType));
        return response;
    }

    /// <summary>No resource or method matches (REST APIs do not say 404: clients could probe for methods otherwise).</summary>
    public static GatewayResponse MissingAuthenticationToken() => Error(403, "MissingAuthenticationTokenException", "Missing Authentication Token");

    /// <summary>No such stage, a disabled endpoint, or a missing/invalid API key.</summary>
    public static GatewayResponse Forbidden() => Error(403, "ForbiddenException", "Forbidden");

    public static GatewayResponse Unauthorized() => Error(401, "UnauthorizedException", "Unauthorized");

    public static GatewayResponse AccessDenied(bool explicitDeny) => Error(403, "AccessDeniedException",
        explicitDeny ? "User is not authorized to access this resource with an explicit deny" : "User is not authorized to access this resource");

    /// <summary>A Lambda authorizer that failed or answered something API Gateway cannot read.</summary>
    public static GatewayResponse AuthorizerConfigurationError() => Error(500, "AuthorizerConfigurationException", null);

    public static GatewayResponse TooManyRequests() => Error(429, "TooManyRequestsException", "Too Many Requests");

    public static GatewayResponse LimitExceeded() => Error(429, "LimitExceededException", "Limit Exceeded");

    public static GatewayResponse RequestTooLarge() => Error(413, "RequestEntityTooLargeException", "Request Too Long");

    public static GatewayResponse UnsupportedMediaType() => Error(415, "UnsupportedMediaTypeException", "Unsupported Media Type");

    /// <summary>A Lambda proxy function that failed or returned a malformed result: 502, with AWS's spacing.</summary>
    public static GatewayResponse BadGateway()
    {
        var response = Error(502, "InternalServerErrorException", null);
        response.Body = "{\"message\": \"Internal server error\"}"u8.ToArray();
        return response;
    }

    /// <summary>A configuration problem (missing function, no matching integration response): 500.</summary>
    public static GatewayResponse InternalServerError()
    {
        var response = Error(500, "InternalServerErrorException", null);
        response.Body = "{\"message\": \"Internal server error\"}"u8.ToArray();
        return response;
    }

    public static GatewayResponse EndpointTimeout() => Error(504, "IntegrationTimeout", "Endpoint request timed out");
}
