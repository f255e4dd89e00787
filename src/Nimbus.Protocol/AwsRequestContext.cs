using Microsoft.AspNetCore.Http;
using Nimbus.Core;
using Nimbus.Protocol.SigV4;

namespace Nimbus.Protocol;

/// <summary>A request on the edge endpoint once routed: the HTTP exchange plus who and where it is for.</summary>
public sealed class AwsRequestContext
{
    public AwsRequestContext(HttpContext http, AwsScope scope, string requestId, SigV4Credential? credential)
    {
        Http = http;
        Scope = scope;
        RequestId = requestId;
        Credential = credential;
    }

    public HttpContext Http { get; }

    /// <summary>The account and region, from the credential scope (account: configured, default 000000000000).</summary>
    public AwsScope Scope { get; }

    public string RequestId { get; }

    /// <summary>Null for unsigned requests (accepted, as emulators do).</summary>
    public SigV4Credential? Credential { get; }

    public CancellationToken Aborted => Http.RequestAborted;
}
