using Nimbus.ApiGateway.Service;
using Nimbus.Protocol;

namespace Nimbus.ApiGateway.WebSockets;

/// <summary>
/// <c>/@connections/{connectionId}</c> at the edge endpoint itself: requests signed for <c>execute-api</c> (a function's
/// <c>boto3.client("apigatewaymanagementapi")</c> with Nimbus's <c>AWS_ENDPOINT_URL</c>) and unsigned ones by path.
/// </summary>
internal sealed class ConnectionsServiceHandler : IAwsServiceHandler
{
    private const string Prefix = "/@connections/";

    private readonly ConnectionsApi _api;

    public ConnectionsServiceHandler(ConnectionsApi api) => _api = api;

    public AwsServiceDescriptor Descriptor { get; } = new("execute-api", AwsProtocol.RestJson) { PathPrefixes = [Prefix] };

    public Task HandleAsync(AwsRequestContext request)
    {
        var path = request.Http.Request.Path.Value ?? "/";
        var id = path.StartsWith(Prefix, StringComparison.Ordinal) ? path[Prefix.Length..] : "";
        if (id.Length == 0 || id.Contains('/'))
        {
            throw ApiGatewayErrors.NotFound("Invalid request path " + path, "Path");
        }
        return _api.HandleAsync(request.Http, Uri.UnescapeDataString(id), _ => true);
    }
}
