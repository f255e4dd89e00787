namespace Nimbus.Protocol.SigV4;

/// <summary>
/// The result of checking one request's signature, with what a service needs to answer as AWS does: the string to
/// sign and canonical request on a mismatch, the expiry times of an expired presigned URL.
/// </summary>
public sealed record SigV4Verification(SigV4Outcome Outcome)
{
    public string? AccessKeyId { get; init; }
    public string? Message { get; init; }
    public string? SignatureProvided { get; init; }
    public string? StringToSign { get; init; }
    public string? CanonicalRequest { get; init; }
    /// <summary>Presigned URLs: <c>X-Amz-Expires</c> as given.</summary>
    public string? ExpiresSeconds { get; init; }
    public DateTimeOffset? Expires { get; init; }
    public DateTimeOffset? ServerTime { get; init; }
    public DateTimeOffset? RequestTime { get; init; }
    /// <summary>The credential scope (region, service) of a presigned URL, when it parsed.</summary>
    public SigV4Credential? Credential { get; init; }
    /// <summary>Header-signed requests that verified: the seed a streaming payload's chunk signatures chain from.</summary>
    public SigV4StreamingSeed? Streaming { get; init; }

    public bool IsAccepted => Outcome is SigV4Outcome.Unsigned or SigV4Outcome.Verified or SigV4Outcome.UnknownKeyAccepted;
}
