namespace Nimbus.Protocol.SigV4;

/// <summary>What checking a request's SigV4 signature found.</summary>
public enum SigV4Outcome
{
    /// <summary>No Authorization header and no presigned query: an anonymous request.</summary>
    Unsigned,
    /// <summary>Signed with a known key and the signature matches.</summary>
    Verified,
    /// <summary>Signed with a key whose secret Nimbus does not know; accepted unverified (non-strict mode).</summary>
    UnknownKeyAccepted,
    /// <summary>Signed with an unknown key in strict mode.</summary>
    InvalidAccessKeyId,
    /// <summary>The signature does not match the one computed with the key's secret.</summary>
    SignatureDoesNotMatch,
    /// <summary>A presigned URL past <c>X-Amz-Date</c> + <c>X-Amz-Expires</c>.</summary>
    Expired,
    /// <summary>The request time is more than 15 minutes away from the server's clock.</summary>
    TimeTooSkewed,
    /// <summary>The presigned query parameters are missing or malformed (<see cref="SigV4Verification.Message"/> says how).</summary>
    MalformedQuery,
}
