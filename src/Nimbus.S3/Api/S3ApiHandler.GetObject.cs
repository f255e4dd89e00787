using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Nimbus.Protocol;
using Nimbus.S3.Model;
using Nimbus.S3.Protocol;

namespace Nimbus.S3.Api;

/// <summary>GetObject and HeadObject: stored headers, user metadata, ranges, conditional requests, checksum mode.</summary>
internal sealed partial class S3ApiHandler
{
    private async Task GetObjectAsync(AwsRequestContext request, string bucket, string key, bool headOnly)
    {
        var http = request.Http;
        var obj = _service.GetObject(bucket, key, VersionIdOf(request));
        var response = http.Response;
        if (!CheckConditions(http.Request, obj))
        {
            // 304 Not Modified carries the validators and no body (RFC 9110 §15.4.5).
            response.StatusCode = 304;
            response.Headers.ETag = obj.QuotedETag;
            response.Headers.LastModified = S3Xml.HttpDate(obj.LastModified);
            return;
        }

        ByteRange? range = null;
        var rangeHeader = http.Request.Headers.Range.ToString();
        if (rangeHeader.Length > 0)
        {
            range = ByteRange.Parse(rangeHeader, obj.Size);
        }
        if (http.Request.Query.TryGetValue("partNumber", out var part) && part != "1")
        {
            throw S3Errors.InvalidArgument("Part number must be an integer between 1 and 10000, inclusive", "partNumber", part);
        }

        WriteObjectHeaders(http, obj);
        response.Headers.AcceptRanges = "bytes";
        if (range is { } r)
        {
            response.StatusCode = 206;
            response.Headers.ContentRange = $"bytes {r.Start}-{r.Start + r.Length - 1}/{obj.Size}";
            response.ContentLength = r.Length;
        }
        else
        {
            response.StatusCode = 200;
            response.ContentLength = obj.Size;
            // Checksums describe the whole object, so they are returned only for full reads (GetObject reference).
            if (obj.ChecksumAlgorithm is not null
                && string.Equals(http.Request.Headers["x-amz-checksum-mode"], "ENABLED", StringComparison.OrdinalIgnoreCase))
            {
                response.Headers[ChecksumCalculator.HeaderOf(obj.ChecksumAlgorithm)] = obj.ChecksumValue;
                response.Headers["x-amz-checksum-type"] = "FULL_OBJECT";
            }
        }
        if (headOnly || obj.Size == 0)
        {
            return;
        }
        var (offset, count) = range is { } rr ? (rr.Start, rr.Length) : (0L, obj.Size);
        if (obj.InlineBody is { } inline)
        {
            // A small body came with its metadata row: written straight from memory, no file to open.
            await response.BodyWriter.WriteAsync(inline.AsMemory((int)offset, (int)count), request.Aborted);
            return;
        }
        await response.SendFileAsync(_service.BodyPath(obj), offset, count, request.Aborted);
    }

    private static void WriteObjectHeaders(HttpContext http, S3Object obj)
    {
        var headers = http.Response.Headers;
        var query = http.Request.Query;
        string? Override(string name, string? stored) => query.TryGetValue(name, out var v) && v.Count > 0 ? v.ToString() : stored;

        headers.ETag = obj.QuotedETag;
        headers.LastModified = S3Xml.HttpDate(obj.LastModified);
        SetVersionHeader(http, obj);
        if (obj.Tags.Count > 0)
        {
            headers["x-amz-tagging-count"] = obj.Tags.Count.ToString(CultureInfo.InvariantCulture);
        }
        headers.ContentType = Override("response-content-type", obj.Headers.ContentType) ?? "binary/octet-stream";
        SetIfPresent(headers, HeaderNames.ContentEncoding, Override("response-content-encoding", obj.Headers.ContentEncoding));
        SetIfPresent(headers, HeaderNames.ContentDisposition, Override("response-content-disposition", obj.Headers.ContentDisposition));
        SetIfPresent(headers, HeaderNames.ContentLanguage, Override("response-content-language", obj.Headers.ContentLanguage));
        SetIfPresent(headers, HeaderNames.CacheControl, Override("response-cache-control", obj.Headers.CacheControl));
        SetIfPresent(headers, HeaderNames.Expires, Override("response-expires", obj.Headers.Expires));
        foreach (var (name, value) in obj.Headers.UserMetadata)
        {
            headers["x-amz-meta-" + name] = value;
        }
    }

    /// <summary>
    /// <c>x-amz-version-id</c> for versions written under versioning, for any version (<c>null</c> included) of a bucket
    /// whose versioning is Enabled or Suspended, and whenever a version was asked for by id; never for a bucket that was
    /// never versioned.
    /// </summary>
    private static void SetVersionHeader(HttpContext http, S3Object obj)
    {
        if (obj.VersionId != S3Object.NullVersion || obj.InVersionedBucket || http.Request.Query.ContainsKey("versionId"))
        {
            http.Response.Headers["x-amz-version-id"] = obj.VersionId;
        }
    }

    private static void SetIfPresent(IHeaderDictionary headers, string name, string? value)
    {
        if (value is not null)
        {
            headers[name] = value;
        }
    }

    /// <summary>
    /// RFC 9110 §13.2.2 evaluation order, which S3 follows: If-Match (else If-Unmodified-Since) failing is 412;
    /// If-None-Match (else If-Modified-Since) failing is 304 (returns false). Dates compare at one-second precision.
    /// </summary>
    private static bool CheckConditions(HttpRequest request, S3Object obj)
    {
        var headers = request.Headers;
        var modified = obj.LastModified.ToUnixTimeSeconds();
        var ifMatch = headers.IfMatch.ToString();
        if (ifMatch.Length > 0)
        {
            if (!ETagMatches(ifMatch, obj.ETag))
            {
                throw S3Errors.PreconditionFailed("If-Match");
            }
        }
        else if (TryDate(headers.IfUnmodifiedSince, out var unmodifiedSince) && modified > unmodifiedSince)
        {
            throw S3Errors.PreconditionFailed("If-Unmodified-Since");
        }

        var ifNoneMatch = headers.IfNoneMatch.ToString();
        if (ifNoneMatch.Length > 0)
        {
            return !ETagMatches(ifNoneMatch, obj.ETag);
        }
        return !(TryDate(headers.IfModifiedSince, out var modifiedSince) && modified <= modifiedSince);
    }

    private static bool ETagMatches(string header, string etag)
    {
        foreach (var candidate in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var value = candidate.StartsWith("W/", StringComparison.Ordinal) ? candidate[2..] : candidate;
            if (value == "*" || value.Trim('"') == etag)
            {
                return true;
            }
        }
        return false;
    }

    private static bool TryDate(string? value, out long unixSeconds)
    {
        if (!string.IsNullOrEmpty(value)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
        {
            unixSeconds = date.ToUnixTimeSeconds();
            return true;
        }
        unixSeconds = 0;
        return false;
    }
}
