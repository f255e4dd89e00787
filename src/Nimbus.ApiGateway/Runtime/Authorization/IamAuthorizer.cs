using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Nimbus.Protocol.SigV4;

namespace Nimbus.ApiGateway.Runtime.Authorization;

/// <summary>
/// <c>AWS_IAM</c> route authorization: the request must carry a SigV4 signature for the service <c>execute-api</c>
/// (Authorization header, or a presigned query on a WebSocket <c>$connect</c>) that checks out against the key's secret.
/// Answers as API Gateway does: 403 <c>{"message":"Forbidden"}</c> when unsigned, 403 with IAM's own message otherwise.
/// Keys Nimbus does not know are accepted unverified unless strict signatures are on (as everywhere in Nimbus).
/// </summary>
internal sealed class IamAuthorizer
{
    private const string SignatureMismatch = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    private readonly SigV4Verifier _verifier;

    public IamAuthorizer(SigV4Verifier verifier) => _verifier = verifier;

    /// <summary>Checks <paramref name="request"/>; <paramref name="body"/> is what was signed (empty for a WebSocket handshake).</summary>
    public (AuthorizationOutcome Outcome, string? AccessKeyId) Authorize(HttpRequest request, ReadOnlySpan<byte> body)
    {
        SigV4Credential? credential = null;
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.Length > 0)
        {
            var hasDate = request.Headers.ContainsKey("X-Amz-Date") || request.Headers.ContainsKey("Date");
            var parsed = SigV4AuthorizationParser.Parse(authorization, hasDate);
            if (parsed.Credential is null)
            {
                return (Refuse(parsed.Error ?? "Forbidden"), null);
            }
            credential = parsed.Credential;
        }
        var payloadHash = request.Headers["x-amz-content-sha256"].ToString() is { Length: > 0 } sent ? sent : Convert.ToHexStringLower(SHA256.HashData(body));
        var verification = _verifier.Verify(request, credential, payloadHash);
        var service = credential?.Service ?? verification.Credential?.Service;
        return verification.Outcome switch
        {
            SigV4Outcome.Unsigned => (Refuse("Forbidden"), null),
            SigV4Outcome.Verified or SigV4Outcome.UnknownKeyAccepted when service != "execute-api" =>
                (Refuse($"Credential should be scoped to correct service: 'execute-api'. "), verification.AccessKeyId),
            SigV4Outcome.Verified or SigV4Outcome.UnknownKeyAccepted => (AuthorizationOutcome.Allowed, verification.AccessKeyId),
            SigV4Outcome.InvalidAccessKeyId => (Refuse("The security token included in the request is invalid."), null),
            SigV4Outcome.TimeTooSkewed or SigV4Outcome.Expired => (Refuse("Signature expired"), null),
            SigV4Outcome.MalformedQuery => (Refuse(verification.Message ?? "Forbidden"), null),
            _ => (Refuse(SignatureMismatch), null),
        };
    }

    private static AuthorizationOutcome Refuse(string message) => new(GatewayResponse.Message(403, message));
}
