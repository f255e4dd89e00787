namespace Nimbus.Protocol;

/// <summary>The wire protocols AWS services speak (the <c>protocols</c> of a botocore service model).</summary>
public enum AwsProtocol
{
    RestJson,
    Json,
    RestXml,
    Query,
    SmithyRpcV2Cbor,
}
