namespace Nimbus.Protocol.SigV4;

/// <summary>
/// What the signatures of a header-signed streaming payload (<c>STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]</c>) chain
/// from, once the request's own signature verified: the signing key, the request time and credential scope of its
/// string to sign, and the seed signature (the Authorization header's), which the first chunk's signature covers.
/// </summary>
public sealed record SigV4StreamingSeed(byte[] SigningKey, string AmzDate, string Scope, string SeedSignature);
