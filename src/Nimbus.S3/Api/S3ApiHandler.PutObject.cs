using Microsoft.AspNetCore.Http;
using Nimbus.Protocol;
using Nimbus.Protocol.SigV4;
using Nimbus.S3.Model;
using Nimbus.S3.Notifications;
using Nimbus.S3.Protocol;
using Nimbus.S3.Service;

namespace Nimbus.S3.Api;

/// <summary>
/// PutObject. Payload encodings current clients send (SigV4 "Authenticating requests"): a plain body with
/// <c>x-amz-content-sha256</c> = hex SHA-256 (verified) or <c>UNSIGNED-PAYLOAD</c>; or <c>aws-chunked</c> with
/// <c>STREAMING-*</c>, <c>x-amz-decoded-content-length</c> and optional trailers carrying the flexible checksum.
/// </summary>
internal sealed partial class S3ApiHandler
{
    private async Task PutObjectAsync(AwsRequestContext request, string bucket, string key)
    {
        var (command, body) = PreparePut(request, bucket, key);
        var stored = await _service.PutObjectAsync(command, body, request.Aborted);
        _events.ObjectCreated(EventSource(request), S3EventNames.Put, stored, stored.VersionId);

        var response = request.Http.Response;
        response.StatusCode = 200;
        response.Headers.ETag = stored.QuotedETag;
        SetVersionHeader(request.Http, stored);
        if (stored.ChecksumAlgorithm is not null)
        {
            response.Headers[ChecksumCalculator.HeaderOf(stored.ChecksumAlgorithm)] = stored.ChecksumValue;
            response.Headers["x-amz-checksum-type"] = "FULL_OBJECT";
        }
        response.ContentLength = 0;
    }

    /// <summary>The body stream (de-chunked when aws-chunked) and what it must prove, for PutObject and UploadPart.</summary>
    private static (PutObjectCommand Command, Stream Body) PreparePut(AwsRequestContext request, string bucket, string key)
    {
        var http = request.Http.Request;
        var contentSha256 = http.Headers["x-amz-content-sha256"].ToString();
        var chunked = contentSha256.StartsWith("STREAMING-", StringComparison.Ordinal)
            || http.Headers.ContentEncoding.ToString().Contains("aws-chunked", StringComparison.OrdinalIgnoreCase);

        long? expectedLength;
        Stream body;
        AwsChunkedStream? dechunked = null;
        if (chunked)
        {
            if (!long.TryParse(http.Headers["x-amz-decoded-content-length"], out var decoded) || decoded < 0)
            {
                throw S3Errors.MissingContentLength();
            }
            expectedLength = decoded;
            body = dechunked = new AwsChunkedStream(http.BodyReader, ChunkSignatures(request.Http, contentSha256));
        }
        else
        {
            if (http.ContentLength is null && !http.Headers.TransferEncoding.ToString().Contains("chunked", StringComparison.OrdinalIgnoreCase))
            {
                throw S3Errors.MissingContentLength();
            }
            expectedLength = http.ContentLength;
            body = http.Body;
        }

        var (algorithm, headerValue) = RequestedChecksum(http, dechunked is not null);
        var command = new PutObjectCommand
        {
            Bucket = bucket,
            Key = key,
            Headers = ReadObjectHeaders(http),
            ExpectedLength = expectedLength,
            ContentMd5 = ContentMd5(http),
            ContentSha256 = !chunked && contentSha256.Length == 64 ? contentSha256 : null,
            ChecksumAlgorithm = algorithm,
            ExpectedChecksum = algorithm is null
                ? null
                : () => headerValue ?? dechunked?.Trailers.GetValueOrDefault(ChecksumCalculator.HeaderOf(algorithm)),
            Tags = TaggingHeader(http),
            IfNoneMatch = http.Headers.IfNoneMatch.Count > 0 ? http.Headers.IfNoneMatch.ToString() : null,
        };
        return (command, body);
    }

    /// <summary>
    /// The signature chain of a <c>STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]</c> body whose request signature was
    /// verified; null when signatures are not being checked (an unknown key, accepted unverified) or the payload is unsigned.
    /// </summary>
    private static ChunkSignatureChain? ChunkSignatures(HttpContext http, string contentSha256)
    {
        if (http.Features.Get<SigV4StreamingSeed>() is not { } seed)
        {
            return null;
        }
        var chain = contentSha256 switch
        {
            "STREAMING-AWS4-HMAC-SHA256-PAYLOAD" => new ChunkSignatureChain(seed, signedTrailer: false),
            "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER" => new ChunkSignatureChain(seed, signedTrailer: true),
            _ => null,
        };
        if (chain is not null)
        {
            http.Response.RegisterForDispose(chain);
        }
        return chain;
    }

    /// <summary>
    /// The flexible checksum of a PUT: from an <c>x-amz-checksum-*</c> header, from <c>x-amz-trailer</c> (value read
    /// after the body), or <c>x-amz-sdk-checksum-algorithm</c> alone (computed and stored).
    /// </summary>
    private static (string? Algorithm, string? HeaderValue) RequestedChecksum(HttpRequest http, bool chunked)
    {
        foreach (var algorithm in ChecksumCalculator.Algorithms)
        {
            var value = http.Headers[ChecksumCalculator.HeaderOf(algorithm)].ToString();
            if (value.Length > 0)
            {
                return (algorithm, value);
            }
        }
        var trailer = http.Headers["x-amz-trailer"].ToString().Trim();
        if (trailer.Length > 0)
        {
            if (!chunked)
            {
                throw S3Errors.InvalidRequest("x-amz-trailer requires an aws-chunked body.");
            }
            var algorithm = trailer.StartsWith("x-amz-checksum-", StringComparison.OrdinalIgnoreCase) ? trailer["x-amz-checksum-".Length..] : "";
            return ChecksumCalculator.Create(algorithm) is { } calculator
                ? (calculator.Algorithm, null)
                : throw S3Errors.InvalidRequest($"The value specified in the x-amz-trailer header is not supported: {trailer}");
        }
        var sdkAlgorithm = http.Headers["x-amz-sdk-checksum-algorithm"].ToString();
        if (sdkAlgorithm.Length > 0)
        {
            using var calculator = ChecksumCalculator.Create(sdkAlgorithm)
                ?? throw S3Errors.InvalidArgument("Value for x-amz-sdk-checksum-algorithm header is invalid.", "x-amz-sdk-checksum-algorithm", sdkAlgorithm);
            return (calculator.Algorithm, null);
        }
        return (null, null);
    }

    private static byte[]? ContentMd5(HttpRequest http)
    {
        var value = http.Headers["Content-MD5"].ToString();
        if (value.Length == 0)
        {
            return null;
        }
        var bytes = new byte[16];
        return Convert.TryFromBase64String(value, bytes, out var written) && written == 16 ? bytes : throw S3Errors.InvalidDigest();
    }

    /// <summary>The stored headers of a PUT (or of a CopyObject with <c>REPLACE</c>).</summary>
    private static ObjectHeaders ReadObjectHeaders(HttpRequest http)
    {
        string? Header(string name) => http.Headers.TryGetValue(name, out var v) && v.Count > 0 ? v.ToString() : null;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in http.Headers)
        {
            if (name.StartsWith("x-amz-meta-", StringComparison.OrdinalIgnoreCase))
            {
                metadata[name["x-amz-meta-".Length..].ToLowerInvariant()] = value.ToString();
            }
        }
        // aws-chunked is the transfer framing, not the object's encoding: S3 drops it from the stored Content-Encoding.
        var encoding = Header("Content-Encoding");
        if (encoding is not null)
        {
            var kept = encoding.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Where(e => !e.Equals("aws-chunked", StringComparison.OrdinalIgnoreCase));
            encoding = string.Join(",", kept);
            encoding = encoding.Length == 0 ? null : encoding;
        }
        return new ObjectHeaders
        {
            ContentType = Header("Content-Type"),
            ContentEncoding = encoding,
            ContentDisposition = Header("Content-Disposition"),
            ContentLanguage = Header("Content-Language"),
            CacheControl = Header("Cache-Control"),
            Expires = Header("Expires"),
            UserMetadata = metadata,
        };
    }
}
