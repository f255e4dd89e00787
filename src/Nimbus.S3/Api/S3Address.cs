using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Nimbus.S3.Api;

/// <summary>
/// The bucket and key a request addresses, virtual-host style (<c>bucket.s3.localhost:4566/key</c>) or path style
/// (<c>localhost:4566/bucket/key</c>). The key comes from the raw request target, percent-decoded once, so keys
/// keep <c>%2F</c>, <c>+</c>, double slashes and trailing slashes exactly as S3 does.
/// </summary>
internal readonly record struct S3Address(string? Bucket, string? Key)
{
    /// <summary>The bucket when it came from the Host header (virtual-host style), else null.</summary>
    public string? HostBucket { get; init; }

    public static S3Address Of(HttpContext http)
    {
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path.Value ?? "/";
        var query = raw.IndexOf('?');
        var path = query >= 0 ? raw[..query] : raw;
        if (path.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || path.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            // Absolute-form request target (proxies): keep the path only.
            var slash = path.IndexOf('/', path.IndexOf("//", StringComparison.Ordinal) + 2);
            path = slash >= 0 ? path[slash..] : "/";
        }
        path = path.Length > 0 && path[0] == '/' ? path[1..] : path;

        var hostBucket = BucketOfHost(http.Request.Host.Host);
        if (hostBucket is not null)
        {
            return new S3Address(hostBucket, path.Length == 0 ? null : Uri.UnescapeDataString(path)) { HostBucket = hostBucket };
        }
        if (path.Length == 0)
        {
            return new S3Address(null, null);
        }
        var separator = path.IndexOf('/');
        if (separator < 0)
        {
            return new S3Address(Uri.UnescapeDataString(path), null);
        }
        var key = path[(separator + 1)..];
        return new S3Address(Uri.UnescapeDataString(path[..separator]), key.Length == 0 ? null : Uri.UnescapeDataString(key));
    }

    /// <summary><c>bucket.s3.localhost</c>, <c>bucket.s3.us-east-1.localhost</c>, <c>bucket.s3.amazonaws.com</c> → bucket.</summary>
    private static string? BucketOfHost(string host)
    {
        var at = host.LastIndexOf(".s3.", StringComparison.OrdinalIgnoreCase);
        if (at <= 0)
        {
            at = host.LastIndexOf(".s3-", StringComparison.OrdinalIgnoreCase);
        }
        return at > 0 ? host[..at] : null;
    }
}
