using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Nimbus.ApiGateway.Runtime;
using Nimbus.Protocol.Routing;
using Nimbus.Protocol.SigV4;

namespace Nimbus.ApiGateway.RestApis.Runtime;

/// <summary>
/// AWS_IAM methods: the request must be SigV4-signed for the service <c>execute-api</c>. Unsigned is 403 "Missing
/// Authentication Token"; a malformed header is IncompleteSignatureException; a signature that does not verify with
/// the key's secret is InvalidSignatureException. Keys whose secret Nimbus does not know are accepted unverified unless
/// the server requires known keys (the edge's rule for every service).
/// </summary>
internal sealed class IamAuthorization
{
    private readonly SigV4Verifier _verifier;
    private readonly string? _defaultAccountId;

    public IamAuthorization(SigV4Verifier verifier, EdgeOptions? edge = null)
    {
        _verifier = verifier;
        _defaultAccountId = edge?.DefaultAccountId;
    }

    /// <summary>Null when the signature is good (the request then names its caller), else the refusal.</summary>
    public GatewayResponse? Check(HttpRequest http, RestRequest request)
    {
        var authorization = http.Headers.Authorization.ToString();
        SigV4Credential? credential = null;
        if (authorization.Length > 0)
        {
            var parsed = SigV4AuthorizationParser.Parse(authorization, http.Headers.ContainsKey("X-Amz-Date") || http.Headers.ContainsKey("Date"));
            if (parsed.Credential is null)
            {
                return parsed.SignatureMismatch
                    ? InvalidSignature()
                    : RestResponses.Error(403, "IncompleteSignatureException", parsed.Error);
            }
            credential = parsed.Credential;
            if (credential.Service != "execute-api")
            {
                return RestResponses.Error(403, "InvalidSignatureException", $"Credential should be scoped to correct service: 'execute-api'. ");
            }
        }
        else if (!http.Query.ContainsKey("X-Amz-Signature"))
        {
            return RestResponses.MissingAuthenticationToken();
        }
        var payloadHash = http.Headers["x-amz-content-sha256"].ToString() is { Length: > 0 } declared
            ? declared
            : Convert.ToHexStringLower(SHA256.HashData(request.Body));
        var verification = _verifier.Verify(http, credential, payloadHash);
        switch (verification.Outcome)
        {
            case SigV4Outcome.Verified or SigV4Outcome.UnknownKeyAccepted:
                request.CallerAccessKey = verification.AccessKeyId ?? credential?.AccessKeyId;
                // A 12-digit key names its account, as on the rest of the edge; other keys belong to the default account.
                request.CallerAccountId = request.CallerAccessKey is { Length: 12 } key && key.All(char.IsAsciiDigit)
                    ? key
                    : _defaultAccountId ?? request.AccountId;
                return null;
            case SigV4Outcome.InvalidAccessKeyId:
                return RestResponses.Error(403, "UnrecognizedClientException", "The security token included in the request is invalid.");
            case SigV4Outcome.TimeTooSkewed:
                return RestResponses.Error(403, "InvalidSignatureException", "Signature expired: the request time is more than 15 minutes from the server time.");
            case SigV4Outcome.Expired:
                return RestResponses.Error(403, "InvalidSignatureException", "Signature expired.");
            case SigV4Outcome.MalformedQuery:
                return RestResponses.Error(403, "IncompleteSignatureException", verification.Message ?? "Malformed query-string authentication");
            default:
                return InvalidSignature();
        }
    }

    private static GatewayResponse InvalidSignature() => RestResponses.Error(403, "InvalidSignatureException",
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
}
