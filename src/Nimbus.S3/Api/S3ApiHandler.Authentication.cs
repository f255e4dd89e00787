using Nimbus.Protocol;
using Nimbus.S3.Protocol;

namespace Nimbus.S3.Api;

/// <summary>
/// Signature checks (docs/compatibility/s3.md, "Authentication"): requests signed with a key whose secret is known are
/// verified, header-signed or presigned, and fail with S3's errors; unknown keys are accepted unless the server is strict.
/// </summary>
internal sealed partial class S3ApiHandler
{
    private void Authenticate(AwsRequestContext request, S3Address address)
    {
        var http = request.Http.Request;
        if (request.Credential is null && SigV2QueryVerifier.Applies(http))
        {
            var legacy = _legacySignatures.Verify(http, address.HostBucket);
            if (S3Errors.OfVerification(legacy) is { } legacyError)
            {
                throw legacyError;
            }
            return;
        }
        var payloadHash = http.Headers["x-amz-content-sha256"].ToString();
        if (request.Credential is not null && payloadHash.Length == 0)
        {
            throw S3Errors.MissingContentSha256();
        }
        var verification = _signatures.Verify(http, request.Credential, payloadHash);
        if (S3Errors.OfVerification(verification) is { } error)
        {
            throw error;
        }
        if (verification.Streaming is { } seed)
        {
            // A signed streaming body (PutObject, UploadPart) verifies its chunks against this seed while it is read.
            request.Http.Features.Set(seed);
        }
    }
}
