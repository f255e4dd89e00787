namespace Nimbus.Protocol.Errors;

/// <summary>Picks the error writer of a protocol.</summary>
public static class AwsErrorWriters
{
    /// <summary>The writer for a service's protocol, minding its awsJson version.</summary>
    public static IAwsErrorWriter For(AwsProtocol protocol, AwsServiceDescriptor? descriptor) =>
        protocol == AwsProtocol.Json && descriptor?.JsonVersion == "1.0" ? JsonErrorWriter.Version10 : For(protocol);

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
