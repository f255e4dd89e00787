namespace Nimbus.Protocol;

/// <summary>
/// One AWS service as the edge endpoint sees it: how requests are recognised (signing name, <c>X-Amz-Target</c>
/// prefixes, and path prefixes for unsigned requests) and the handler that serves them.
/// </summary>
public interface IAwsServiceHandler
{
    AwsServiceDescriptor Descriptor { get; }

    /// <summary>
    /// Serves one request. Throw <see cref="Nimbus.Core.AwsServiceException"/> for AWS errors; the edge writes
    /// them in the service's protocol.
    /// </summary>
    Task HandleAsync(AwsRequestContext request);
}

public sealed record AwsServiceDescriptor(string SigningName, AwsProtocol Protocol)
{
    /// <summary>Prefixes of <c>X-Amz-Target</c> (JSON protocols), e.g. <c>Logs_20140328</c>.</summary>
    public IReadOnlyList<string> TargetPrefixes { get; init; } = [];

    /// <summary>
    /// Protocols the service also speaks besides <see cref="Protocol"/> (CloudWatch: query, awsJson 1.0 and
    /// smithy-rpc-v2-cbor). Each request is answered, errors included, in the protocol it came in.
    /// </summary>
    public IReadOnlyList<AwsProtocol> AlternateProtocols { get; init; } = [];

    /// <summary>
    /// awsJson version of the service's model (<c>jsonVersion</c>: DynamoDB "1.0", most others "1.1"): its errors are
    /// answered with <c>Content-Type: application/x-amz-json-{JsonVersion}</c>, as AWS does.
    /// </summary>
    public string JsonVersion { get; init; } = "1.1";

    /// <summary>Path prefixes that identify the service when a request is not signed, e.g. <c>/2015-03-31/</c>.</summary>
    public IReadOnlyList<string> PathPrefixes { get; init; } = [];
}
