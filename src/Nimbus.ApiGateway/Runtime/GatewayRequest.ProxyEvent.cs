using System.Text.Json;
using Nimbus.ApiGateway.Runtime.Authorization;

namespace Nimbus.ApiGateway.Runtime;

/// <summary>How an HTTP API request fills the payload-format-1.0 event.</summary>
internal sealed partial class GatewayRequest
{
    string? IProxyEventRequest.EventVersion => "1.0";

    string IProxyEventRequest.AccountId => Api.AccountId;

    /// <summary>The route's path (<c>/items/{id}</c>); for <c>$default</c>, the request's own path.</summary>
    string IProxyEventRequest.ResourcePath
    {
        get
        {
            var key = Route?.RouteKey;
            var space = key?.IndexOf(' ') ?? -1;
            return space > 0 ? key![(space + 1)..] : StagePath;
        }
    }

    string IProxyEventRequest.ResourceId => Route?.RouteKey ?? "$default";

    string IProxyEventRequest.ExtendedRequestId => RequestId;

    IReadOnlyDictionary<string, string>? IProxyEventRequest.StageVariables => Stage.StageVariables;

    bool IProxyEventRequest.BodyIsBase64 => Body.Length > 0 && !BodyIsText;

    string? IProxyEventRequest.Identity(string name) => CallerIdentity.Of(CallerAccessKey, Api.AccountId, name);

    /// <summary>HTTP APIs always send <c>authorizer</c>: a Lambda authorizer's context under <c>lambda</c>, else JWT claims and scopes (null without JWT).</summary>
    void IProxyEventRequest.WriteAuthorizer(Utf8JsonWriter json)
    {
        json.WriteStartObject("authorizer");
        if (LambdaAuthorizerContext is { } context)
        {
            json.WritePropertyName("lambda");
            context.WriteTo(json);
        }
        else
        {
            if (JwtClaims is not null)
            {
                PayloadV2Writer.WriteMap(json, "claims", JwtClaims);
            }
            else
            {
                json.WriteNull("claims");
            }
            if (JwtScopes is { } scopes)
            {
                PayloadV1Writer.WriteArray(json, "scopes", scopes);
            }
            else
            {
                json.WriteNull("scopes");
            }
        }
        json.WriteEndObject();
    }
}
