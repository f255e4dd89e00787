namespace Nimbus.Protocol.SigV4;

/// <summary>
/// The parts of a SigV4 signature Nimbus uses: who signed (access key), and the credential scope that names
/// the region and the service the request is for.
/// </summary>
public sealed record SigV4Credential(
    string AccessKeyId,
    string Date,
    string Region,
    string Service,
    IReadOnlyList<string> SignedHeaders,
    string Signature);
