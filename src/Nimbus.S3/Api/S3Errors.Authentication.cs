using System.Globalization;
using System.Text;
using Nimbus.Core;
using Nimbus.Protocol.SigV4;

namespace Nimbus.S3.Api;

/// <summary>S3's authentication errors, with the diagnostic members S3 adds (String to sign, canonical request, expiry).</summary>
internal static partial class S3Errors
{
    /// <summary>The error for a request whose signature check failed (null when it was accepted).</summary>
    public static AwsServiceException? OfVerification(SigV4Verification verification) => verification.Outcome switch
    {
        SigV4Outcome.SignatureDoesNotMatch => new("SignatureDoesNotMatch", 403,
            "The request signature we calculated does not match the signature you provided. Check your key and signing method.")
        {
            Fields = MismatchFields(verification),
        },
        SigV4Outcome.InvalidAccessKeyId => new("InvalidAccessKeyId", 403, "The AWS Access Key Id you provided does not exist in our records.")
        {
            Fields = new Dictionary<string, string> { ["AWSAccessKeyId"] = verification.AccessKeyId ?? "" },
        },
        SigV4Outcome.Expired => new("AccessDenied", 403, "Request has expired")
        {
            // SigV4 URLs name their lifetime (X-Amz-Expires); SigV2 ones carry only the Expires instant.
            Fields = verification.ExpiresSeconds is null
                ? new Dictionary<string, string> { ["Expires"] = IsoSeconds(verification.Expires), ["ServerTime"] = IsoSeconds(verification.ServerTime) }
                : new Dictionary<string, string>
                {
                    ["X-Amz-Expires"] = verification.ExpiresSeconds,
                    ["Expires"] = IsoSeconds(verification.Expires),
                    ["ServerTime"] = IsoSeconds(verification.ServerTime),
                },
        },
        SigV4Outcome.TimeTooSkewed => new("RequestTimeTooSkewed", 403, "The difference between the request time and the current time is too large.")
        {
            Fields = new Dictionary<string, string>
            {
                ["RequestTime"] = IsoSeconds(verification.RequestTime),
                ["ServerTime"] = IsoSeconds(verification.ServerTime),
                ["MaxAllowedSkewMilliseconds"] = "900000",
            },
        },
        SigV4Outcome.MalformedQuery => new("AuthorizationQueryParametersError", 400, verification.Message ?? "Invalid query-string authentication parameters."),
        _ => null,
    };

    private static Dictionary<string, string> MismatchFields(SigV4Verification verification)
    {
        var fields = new Dictionary<string, string>
        {
            ["AWSAccessKeyId"] = verification.AccessKeyId ?? "",
            ["StringToSign"] = verification.StringToSign ?? "",
            ["SignatureProvided"] = verification.SignatureProvided ?? "",
            ["StringToSignBytes"] = Bytes(verification.StringToSign),
        };
        if (verification.CanonicalRequest is not null)
        {
            fields["CanonicalRequest"] = verification.CanonicalRequest;
            fields["CanonicalRequestBytes"] = Bytes(verification.CanonicalRequest);
        }
        return fields;
    }

    /// <summary>A chunk (or trailer) signature of a signed aws-chunked body that does not match its chain.</summary>
    public static AwsServiceException ChunkSignatureDoesNotMatch(string stringToSign, string provided) =>
        OfVerification(new SigV4Verification(SigV4Outcome.SignatureDoesNotMatch) { StringToSign = stringToSign, SignatureProvided = provided })!;

    public static AwsServiceException MissingContentSha256() =>
        new("InvalidRequest", 400, "Missing required header for this request: x-amz-content-sha256");

    /// <summary>S3 spells the bytes of the string to sign as space-separated two-digit hex.</summary>
    private static string Bytes(string? text) =>
        text is null ? "" : string.Join(' ', Encoding.UTF8.GetBytes(text).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));

    private static string IsoSeconds(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";
}
