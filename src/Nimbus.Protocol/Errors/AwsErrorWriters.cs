namespace Nimbus.Protocol.Errors;

/// <summary>Picks the error writer of a protocol.</summary>
public static class AwsErrorWriters
{
    public static IAwsErrorWriter For(AwsProtocol protocol) => protocol switch
    {
        AwsProtocol.RestJson => RestJsonErrorWriter.Instance,
        AwsProtocol.Json => JsonErrorWriter.Instance,
        AwsProtocol.RestXml => RestXmlErrorWriter.Instance,
        AwsProtocol.Query => QueryErrorWriter.Instance,
        AwsProtocol.SmithyRpcV2Cbor => CborErrorWriter.Instance,
        _ => JsonErrorWriter.Instance,
    };
}
