using System.Globalization;
using Nimbus.ApiGateway.Runtime;
using Nimbus.ApiGateway.Runtime.Authorization;

namespace Nimbus.ApiGateway.RestApis.Runtime;

/// <summary>
/// REST APIs' <c>$context</c> variables, for identity sources (<c>context.x</c>), mapping templates and access logs.
/// Unknown or absent ones are null (access logs print <c>-</c>).
/// </summary>
internal static class RestContext
{
    public static string? Variable(RestRequest request, string name) => name switch
    {
        "requestId" => request.RequestId,
        "extendedRequestId" => request.ExtendedRequestId,
        "apiId" => request.ApiId,
        "accountId" => request.AccountId,
        "stage" => request.StageName,
        "resourcePath" => request.ResourcePath,
        "resourceId" => request.ResourceId,
        "httpMethod" => request.Method,
        "path" => request.RawPath,
        "protocol" => request.Protocol,
        "domainName" => request.DomainName,
        "domainPrefix" => request.DomainPrefix,
        "requestTime" => EventTime.Format(request.Time),
        "requestTimeEpoch" => request.Time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        "identity.sourceIp" => request.SourceIp,
        "identity.userAgent" => request.UserAgent,
        "identity.apiKey" => request.ApiKey,
        "identity.apiKeyId" => request.ApiKeyId,
        "identity.accessKey" or "identity.caller" or "identity.user" or "identity.userArn" or "identity.accountId" =>
            request.Identity(name["identity.".Length..]),
        "authorizer.principalId" => request.PrincipalId,
        _ when name.StartsWith("authorizer.claims.", StringComparison.Ordinal) => request.CognitoClaims?.GetValueOrDefault(name["authorizer.claims.".Length..]),
        _ when name.StartsWith("authorizer.", StringComparison.Ordinal) =>
            request.AuthorizerContext?.GetValueOrDefault(name["authorizer.".Length..]) is { } value
                ? (value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString() : value.GetRawText())
                : null,
        _ => null,
    };

    /// <summary>Adds what only exists once the response is known (access logs).</summary>
    public static string? Variable(RestRequest request, GatewayResponse response, TimeSpan latency, string name) => name switch
    {
        "status" => response.StatusCode.ToString(CultureInfo.InvariantCulture),
        "responseLength" => response.Body.Length.ToString(CultureInfo.InvariantCulture),
        "responseLatency" => ((long)latency.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
        "error.message" => response.StatusCode >= 400 ? ErrorMessage(response) : null,
        _ => Variable(request, name),
    };

    private static string? ErrorMessage(GatewayResponse response)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(response.Body);
            return document.RootElement.TryGetProperty("message", out var message) ? message.GetString() : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
