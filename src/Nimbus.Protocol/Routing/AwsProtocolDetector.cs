using Microsoft.AspNetCore.Http;

namespace Nimbus.Protocol.Routing;

/// <summary>
/// Which of its protocols a request to a multi-protocol service uses: smithy-rpc-v2-cbor announces itself with
/// <c>smithy-protocol: rpc-v2-cbor</c>, awsJson with <c>X-Amz-Target</c>, query with a form body or
/// <c>Action</c> parameter. Single-protocol services always get their one protocol.
/// </summary>
public static class AwsProtocolDetector
{
    public static AwsProtocol Detect(HttpRequest request, AwsServiceDescriptor descriptor)
    {
        if (descriptor.AlternateProtocols.Count == 0)
        {
            return descriptor.Protocol;
        }
        if (Speaks(descriptor, AwsProtocol.SmithyRpcV2Cbor)
            && string.Equals(request.Headers["smithy-protocol"].ToString(), "rpc-v2-cbor", StringComparison.OrdinalIgnoreCase))
        {
            return AwsProtocol.SmithyRpcV2Cbor;
        }
        if (Speaks(descriptor, AwsProtocol.Json) && request.Headers.ContainsKey("X-Amz-Target"))
        {
            return AwsProtocol.Json;
        }
        if (Speaks(descriptor, AwsProtocol.Query) && (request.HasFormContentType || request.Query.ContainsKey("Action")))
        {
            return AwsProtocol.Query;
        }
        return descriptor.Protocol;
    }

    private static bool Speaks(AwsServiceDescriptor descriptor, AwsProtocol protocol) =>
        descriptor.Protocol == protocol || descriptor.AlternateProtocols.Contains(protocol);
}
