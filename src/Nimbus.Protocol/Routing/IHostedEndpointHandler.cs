using Microsoft.AspNetCore.Http;

namespace Nimbus.Protocol.Routing;

/// <summary>
/// A data plane reached by host name or by a path form on the edge port, ahead of every AWS API: API Gateway's
/// <c>{apiId}.execute-api.localhost</c> (and <c>/_aws/execute-api/{apiId}/…</c>), later Lambda function URLs.
/// Its traffic is the user's own HTTP, so it is not SigV4-parsed and gets no AWS error shapes from the edge.
/// </summary>
public interface IHostedEndpointHandler
{
    /// <summary>The second label of the host name, e.g. <c>execute-api</c> in <c>abc123.execute-api.localhost:4566</c>.</summary>
    string HostLabel { get; }

    /// <summary>The path form's prefix, e.g. <c>/_aws/execute-api/</c>; the next segment is the id.</summary>
    string PathPrefix { get; }

    /// <summary>Serves one request for the resource <paramref name="id"/>; <paramref name="path"/> is what follows the id (at least <c>/</c>).</summary>
    Task HandleAsync(HttpContext http, string id, string path);
}
