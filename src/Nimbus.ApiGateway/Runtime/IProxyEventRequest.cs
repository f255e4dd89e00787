using System.Text.Json;

namespace Nimbus.ApiGateway.Runtime;

/// <summary>
/// What the payload-format-1.0 Lambda event is written from. HTTP APIs (<see cref="GatewayRequest"/>) and REST APIs
/// (<c>RestRequest</c>) build the same event, which AWS designed for REST APIs; they differ only in the pieces below
/// (header case, the <c>authorizer</c> object, API keys in <c>identity</c>, which bodies are base64).
/// </summary>
internal interface IProxyEventRequest
{
    /// <summary><c>"1.0"</c> for HTTP APIs; REST API events have no <c>version</c> member.</summary>
    string? EventVersion { get; }
    string AccountId { get; }
    string ApiId { get; }
    string StageName { get; }
    string Method { get; }

    /// <summary>The path inside the stage (the event's <c>path</c>).</summary>
    string StagePath { get; }

    /// <summary>The path as sent, stage included (<c>requestContext.path</c>).</summary>
    string RawPath { get; }

    /// <summary>The matched resource or route path, e.g. <c>/items/{id}</c> (<c>resource</c>, <c>requestContext.resourcePath</c>).</summary>
    string ResourcePath { get; }
    string ResourceId { get; }
    string DomainName { get; }
    string DomainPrefix { get; }
    string RequestId { get; }
    string ExtendedRequestId { get; }
    string SourceIp { get; }
    string UserAgent { get; }
    string Protocol { get; }
    DateTimeOffset Time { get; }

    /// <summary>The ARN authorizer policies name: <c>arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}</c>.</summary>
    string RouteArn { get; }
    Dictionary<string, List<string>> Headers { get; }
    List<KeyValuePair<string, string>> Query { get; }
    Dictionary<string, string> PathParameters { get; }
    IReadOnlyDictionary<string, string>? StageVariables { get; }
    byte[] Body { get; }

    /// <summary>The body goes as base64 with <c>isBase64Encoded: true</c> (otherwise as UTF-8 text).</summary>
    bool BodyIsBase64 { get; }

    /// <summary>A member of <c>requestContext.identity</c> besides sourceIp and userAgent (null = JSON null).</summary>
    string? Identity(string name);

    /// <summary>Writes <c>requestContext.authorizer</c>, or nothing when this kind of request has none.</summary>
    void WriteAuthorizer(Utf8JsonWriter json);
}
