using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Nimbus.Protocol.SigV4;

/// <summary>
/// Checks SigV4 signatures (Authorization header and presigned query string) of requests signed with a key in
/// <see cref="SigV4Credentials"/>, following "Create a signed AWS API request" and S3's "Authenticating Requests:
/// Using Query Parameters". The canonical URI is the path as sent (S3 does not normalise it or encode it twice); for
/// clients that sign a differently escaped form of the same path, the RFC 3986 re-encoding is tried as well.
/// </summary>
public sealed class SigV4Verifier
{
    /// <summary>S3 rejects header-signed requests whose time is more than 15 minutes off (RequestTimeTooSkewed).</summary>
    private static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(15);

    /// <summary>Presigned URLs live at most seven days.</summary>
    private const int MaxExpiresSeconds = 604800;

    /// <summary>Bounds <see cref="_signingKeys"/>: requests may name any date, region and service.</summary>
    private const int MaxCachedKeys = 256;

    private readonly SigV4Credentials _credentials;
    private readonly TimeProvider _time;

    /// <summary>
    /// Derived signing keys by secret and scope. A key changes once a day per region and service, yet deriving it costs
    /// four HMACs: on a hot path of small requests that is most of what verifying a signature costs.
    /// </summary>
    private readonly ConcurrentDictionary<(string Secret, string Date, string Region, string Service), byte[]> _signingKeys = new();

    public SigV4Verifier(SigV4Credentials credentials, TimeProvider time)
    {
        _credentials = credentials;
        _time = time;
    }

    /// <summary>
    /// Checks a request. <paramref name="headerCredential"/> is the parsed Authorization header (null when absent);
    /// <paramref name="payloadHash"/> the hashed payload the signer used (S3: the <c>x-amz-content-sha256</c> header).
    /// </summary>
    public SigV4Verification Verify(HttpRequest request, SigV4Credential? headerCredential, string payloadHash)
    {
        if (headerCredential is not null)
        {
            return VerifyHeader(request, headerCredential, payloadHash);
        }
        return request.Query.ContainsKey("X-Amz-Signature") || request.Query.ContainsKey("X-Amz-Credential")
            ? VerifyQuery(request)
            : new SigV4Verification(SigV4Outcome.Unsigned);
    }

    private SigV4Verification VerifyHeader(HttpRequest request, SigV4Credential credential, string payloadHash)
    {
        var amzDate = request.Headers["X-Amz-Date"].ToString();
        if (amzDate.Length == 0 && DateTimeOffset.TryParse(request.Headers.Date.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            amzDate = date.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        }
        if (TryParseAmzDate(amzDate, out var requestTime) && (requestTime - _time.GetUtcNow()).Duration() > MaxSkew)
        {
            return new SigV4Verification(SigV4Outcome.TimeTooSkewed) { RequestTime = requestTime, ServerTime = _time.GetUtcNow(), AccessKeyId = credential.AccessKeyId };
        }
        return Check(request, credential, amzDate, payloadHash, presigned: false);
    }

    private SigV4Verification VerifyQuery(HttpRequest request)
    {
        var query = request.Query;
        string Param(string name) => query[name].ToString();
        if (Param("X-Amz-Algorithm") is var algorithm && algorithm.Length > 0 && algorithm != SigV4AuthorizationParser.Algorithm)
        {
            return Malformed("X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"");
        }
        string[] required = ["X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature", "X-Amz-Date", "X-Amz-SignedHeaders", "X-Amz-Expires"];
        if (required.Any(name => Param(name).Length == 0))
        {
            return Malformed("Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
        }
        var scope = Param("X-Amz-Credential").Split('/');
        if (scope.Length != 5 || scope[0].Length == 0 || scope[4] != "aws4_request")
        {
            return Malformed($"Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
        }
        if (!TryParseAmzDate(Param("X-Amz-Date"), out var signedAt))
        {
            return Malformed("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
        }
        if (!int.TryParse(Param("X-Amz-Expires"), NumberStyles.None, CultureInfo.InvariantCulture, out var expiresSeconds))
        {
            return Malformed("X-Amz-Expires should be a number");
        }
        if (expiresSeconds > MaxExpiresSeconds)
        {
            return Malformed("X-Amz-Expires must be less than a week (in seconds) that is; 604800");
        }
        var credential = new SigV4Credential(scope[0], scope[1], scope[2], scope[3], Param("X-Amz-SignedHeaders").Split(';', StringSplitOptions.RemoveEmptyEntries), Param("X-Amz-Signature"));
        var now = _time.GetUtcNow();
        var expires = signedAt.AddSeconds(expiresSeconds);
        if (now > expires)
        {
            return new SigV4Verification(SigV4Outcome.Expired)
            {
                AccessKeyId = credential.AccessKeyId, ExpiresSeconds = Param("X-Amz-Expires"), Expires = expires, ServerTime = now, Credential = credential,
            };
        }
        return Check(request, credential, Param("X-Amz-Date"), "UNSIGNED-PAYLOAD", presigned: true) with { Credential = credential };
    }

    private SigV4Verification Check(HttpRequest request, SigV4Credential credential, string amzDate, string payloadHash, bool presigned)
    {
        if (!_credentials.Secrets.TryGetValue(credential.AccessKeyId, out var secret))
        {
            return new SigV4Verification(_credentials.RequireKnownKeys ? SigV4Outcome.InvalidAccessKeyId : SigV4Outcome.UnknownKeyAccepted)
            {
                AccessKeyId = credential.AccessKeyId,
            };
        }
        var signingKey = CachedSigningKey(secret, credential);
        var scope = $"{credential.Date}/{credential.Region}/{credential.Service}/aws4_request";
        var (path, rawQuery) = RawTarget(request);
        var canonicalQuery = CanonicalQuery(rawQuery, presigned);
        var canonicalHeaders = CanonicalHeaders(request, credential.SignedHeaders);
        string? firstRequest = null, firstStringToSign = null;
        foreach (var canonicalUri in CandidateUris(path))
        {
            var canonicalRequest = string.Join('\n', request.Method, canonicalUri, canonicalQuery, canonicalHeaders, string.Join(';', credential.SignedHeaders), payloadHash);
            var stringToSign = string.Join('\n', SigV4AuthorizationParser.Algorithm, amzDate, scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));
            var signature = Hex(HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(stringToSign)));
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature), Encoding.ASCII.GetBytes(credential.Signature)))
            {
                return new SigV4Verification(SigV4Outcome.Verified)
                {
                    AccessKeyId = credential.AccessKeyId,
                    Streaming = presigned ? null : new SigV4StreamingSeed(signingKey, amzDate, scope, credential.Signature),
                };
            }
            firstRequest ??= canonicalRequest;
            firstStringToSign ??= stringToSign;
        }
        return new SigV4Verification(SigV4Outcome.SignatureDoesNotMatch)
        {
            AccessKeyId = credential.AccessKeyId,
            SignatureProvided = credential.Signature,
            StringToSign = firstStringToSign,
            CanonicalRequest = firstRequest,
        };
    }

    /// <summary>The signing key: HMAC chain over date, region, service and "aws4_request".</summary>
    public static byte[] SigningKey(string secret, SigV4Credential credential)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secret), Encoding.UTF8.GetBytes(credential.Date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(credential.Region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(credential.Service));
        return HMACSHA256.HashData(key, "aws4_request"u8);
    }

    private byte[] CachedSigningKey(string secret, SigV4Credential credential)
    {
        var scope = (secret, credential.Date, credential.Region, credential.Service);
        if (_signingKeys.TryGetValue(scope, out var key))
        {
            return key;
        }
        if (_signingKeys.Count >= MaxCachedKeys)
        {
            _signingKeys.Clear();
        }
        return _signingKeys[scope] = SigningKey(secret, credential);
    }

    private static SigV4Verification Malformed(string message) => new(SigV4Outcome.MalformedQuery) { Message = message };

    private static (string Path, string Query) RawTarget(HttpRequest request)
    {
        var raw = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (request.Path.Value + request.QueryString.Value);
        if (raw.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || raw.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            var slash = raw.IndexOf('/', raw.IndexOf("//", StringComparison.Ordinal) + 2);
            raw = slash >= 0 ? raw[slash..] : "/";
        }
        var q = raw.IndexOf('?');
        var path = q >= 0 ? raw[..q] : raw;
        return (path.Length == 0 ? "/" : path, q >= 0 ? raw[(q + 1)..] : "");
    }

    private static IEnumerable<string> CandidateUris(string rawPath)
    {
        yield return rawPath;
        var normalized = string.Join('/', rawPath.Split('/').Select(segment => UriEncode(Uri.UnescapeDataString(segment))));
        if (normalized != rawPath)
        {
            yield return normalized;
        }
    }

    private static string CanonicalQuery(string rawQuery, bool presigned)
    {
        var pairs = new List<(string Name, string Value)>();
        foreach (var part in rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            var name = UriEncode(Uri.UnescapeDataString(eq >= 0 ? part[..eq] : part));
            var value = eq >= 0 ? UriEncode(Uri.UnescapeDataString(part[(eq + 1)..])) : "";
            if (presigned && name == "X-Amz-Signature")
            {
                continue;
            }
            pairs.Add((name, value));
        }
        pairs.Sort((a, b) => a.Name != b.Name ? string.CompareOrdinal(a.Name, b.Name) : string.CompareOrdinal(a.Value, b.Value));
        return string.Join('&', pairs.Select(p => p.Name + "=" + p.Value));
    }

    private static string CanonicalHeaders(HttpRequest request, IReadOnlyList<string> signedHeaders)
    {
        var builder = new StringBuilder();
        foreach (var name in signedHeaders)
        {
            var values = request.Headers[name];
            var value = string.Join(',', values.Select(v => CollapseSpaces((v ?? "").Trim())));
            builder.Append(name.ToLowerInvariant()).Append(':').Append(value).Append('\n');
        }
        return builder.ToString();
    }

    private static string CollapseSpaces(string value)
    {
        if (!value.Contains("  ", StringComparison.Ordinal))
        {
            return value;
        }
        var builder = new StringBuilder(value.Length);
        var previousSpace = false;
        foreach (var c in value)
        {
            if (c == ' ' && previousSpace)
            {
                continue;
            }
            previousSpace = c == ' ';
            builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>RFC 3986 percent-encoding of everything but the unreserved characters, upper-case hex (SigV4's UriEncode).</summary>
    public static string UriEncode(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return builder.ToString();
    }

    private static bool TryParseAmzDate(string value, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(value, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
