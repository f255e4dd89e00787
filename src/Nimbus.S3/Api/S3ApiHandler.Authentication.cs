using Nimbus.Protocol;

namespace Nimbus.S3.Api;

/// <summary>
/// Signature checks (docs/compatibility/s3.md, "Authentication"): requests signed with a key whose secret is known are
/// verified, header-signed or presigned, and fail with S3's errors; unknown keys are accepted unless the server is strict.
/// </summary>
internal sealed partial class S3ApiHandler
{
    private void Authenticate(AwsRequestContext request)
    {
        var http = request.Http.Request;
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
    }
}
