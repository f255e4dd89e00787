using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Nimbus.Protocol.SigV4;

namespace Nimbus.S3.Protocol;

/// <summary>
/// S3's legacy query-string authentication (<c>AWSAccessKeyId</c>, <c>Expires</c>, <c>Signature</c>: HMAC-SHA1 over the
/// verb, Content-MD5, Content-Type, expiry, <c>x-amz-*</c> headers and the resource). The AWS CLI v1 (<c>aws s3 presign</c>)
/// and boto3's <c>generate_presigned_url</c> still produce these URLs for S3 unless told to use SigV4.
/// </summary>
internal sealed class SigV2QueryVerifier(SigV4Credentials credentials, TimeProvider time)
{
    /// <summary>Sub-resources that are part of the signed resource (botocore's <c>HmacV1Auth.QSAOfInterest</c>, S3's list).</summary>
    private static readonly HashSet<string> SignedSubresources = new(StringComparer.Ordinal)
    {
        "accelerate", "acl", "cors", "defaultObjectAcl", "location", "logging", "partNumber", "policy", "requestPayment", "torrent",
        "versioning", "versionId", "versions", "website", "uploads", "uploadId", "response-content-type", "response-content-language",
        "response-expires", "response-cache-control", "response-content-disposition", "response-content-encoding", "delete", "lifecycle",
        "tagging", "restore", "storageClass", "notification", "replication", "analytics", "metrics", "inventory", "select", "select-type",
        "object-lock",
    };

    public static bool Applies(HttpRequest request) => request.Query.ContainsKey("AWSAccessKeyId") && request.Query.ContainsKey("Signature");

    /// <summary>Checks a SigV2 presigned request addressed to <paramref name="hostBucket"/> (virtual host) or path style (null).</summary>
    public SigV4Verification Verify(HttpRequest request, string? hostBucket)
    {
        var query = request.Query;
        var accessKey = query["AWSAccessKeyId"].ToString();
        var expiresText = query["Expires"].ToString();
        if (!long.TryParse(expiresText, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresEpoch))
        {
            return new SigV4Verification(SigV4Outcome.MalformedQuery) { Message = "Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters" };
        }
        var now = time.GetUtcNow();
        var expires = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(expiresEpoch, 0, 253402300799));
        if (now > expires)
        {
            return new SigV4Verification(SigV4Outcome.Expired) { AccessKeyId = accessKey, Expires = expires, ServerTime = now };
        }
        if (!credentials.Secrets.TryGetValue(accessKey, out var secret))
        {
            return new SigV4Verification(credentials.RequireKnownKeys ? SigV4Outcome.InvalidAccessKeyId : SigV4Outcome.UnknownKeyAccepted) { AccessKeyId = accessKey };
        }
        var stringToSign = StringToSign(request, expiresText, hostBucket);
        var expected = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(stringToSign)));
        var provided = query["Signature"].ToString();
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(provided))
            ? new SigV4Verification(SigV4Outcome.Verified) { AccessKeyId = accessKey }
            : new SigV4Verification(SigV4Outcome.SignatureDoesNotMatch) { AccessKeyId = accessKey, SignatureProvided = provided, StringToSign = stringToSign };
    }

    private static string StringToSign(HttpRequest request, string expires, string? hostBucket)
    {
        var builder = new StringBuilder();
        builder.Append(request.Method).Append('\n');
        builder.Append(request.Headers["Content-MD5"].ToString().Trim()).Append('\n');
        builder.Append(request.Headers.ContentType.ToString().Trim()).Append('\n');
        builder.Append(expires).Append('\n');
        foreach (var header in request.Headers.Where(h => h.Key.StartsWith("x-amz-", StringComparison.OrdinalIgnoreCase)).OrderBy(h => h.Key.ToLowerInvariant(), StringComparer.Ordinal))
        {
            builder.Append(header.Key.ToLowerInvariant()).Append(':').Append(string.Join(',', header.Value.Select(v => (v ?? "").Trim()))).Append('\n');
        }
        var raw = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.Value ?? "/";
        var q = raw.IndexOf('?');
        var path = q >= 0 ? raw[..q] : raw;
        builder.Append(hostBucket is null ? path : "/" + hostBucket + path);
        var subresources = (q >= 0 ? raw[(q + 1)..] : "").Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => SignedSubresources.Contains(p[0]))
            .Select(p => p.Length == 2 ? p[0] + "=" + Uri.UnescapeDataString(p[1]) : p[0])
            .Order(StringComparer.Ordinal)
            .ToList();
        if (subresources.Count > 0)
        {
            builder.Append('?').Append(string.Join('&', subresources));
        }
        return builder.ToString();
    }
}
