using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Nimbus.Protocol.SigV4;

namespace Nimbus.S3.Tests.Infrastructure;

/// <summary>
/// Builds a header-signed PutObject with a <c>STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]</c> body by hand, following the
/// S3 API Reference's chunked-upload pages step by step (seed signature, chained chunk signatures, trailer signature),
/// so a test can send it correct or tampered with.
/// </summary>
internal sealed class StreamingSigner(string accessKey, string secret)
{
    private const string EmptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>
    /// A PUT of <paramref name="chunks"/> (then the empty final chunk). <paramref name="trailer"/> (name, value) makes it the
    /// TRAILER variant. <paramref name="tamper"/> may rewrite the chunk signatures (index, signature) before they are sent.
    /// </summary>
    public HttpRequestMessage Put(Uri endpoint, string path, IReadOnlyList<byte[]> chunks, (string Name, string Value)? trailer = null,
        Func<int, string, string>? tamper = null)
    {
        var now = DateTime.UtcNow;
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = amzDate[..8];
        var scope = $"{date}/us-east-1/s3/aws4_request";
        var contentSha256 = trailer is null ? "STREAMING-AWS4-HMAC-SHA256-PAYLOAD" : "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
        var decodedLength = chunks.Sum(c => c.Length).ToString(CultureInfo.InvariantCulture);
        var host = $"{endpoint.Host}:{endpoint.Port}";
        var signedHeaders = trailer is null
            ? "content-encoding;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length"
            : "content-encoding;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-trailer";
        var canonicalHeaders = $"content-encoding:aws-chunked\nhost:{host}\nx-amz-content-sha256:{contentSha256}\nx-amz-date:{amzDate}\n" +
            $"x-amz-decoded-content-length:{decodedLength}\n" + (trailer is null ? "" : $"x-amz-trailer:{trailer.Value.Name}\n");
        var canonicalRequest = $"PUT\n{path}\n\n{canonicalHeaders}\n{signedHeaders}\n{contentSha256}";
        var key = SigV4Verifier.SigningKey(secret, new SigV4Credential(accessKey, date, "us-east-1", "s3", [], ""));
        var seed = Sign(key, $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}");

        var body = new MemoryStream();
        var previous = seed;
        var index = 0;
        foreach (var chunk in chunks.Append([]))
        {
            var signature = Sign(key, $"AWS4-HMAC-SHA256-PAYLOAD\n{amzDate}\n{scope}\n{previous}\n{EmptyHash}\n{Hex(SHA256.HashData(chunk))}");
            previous = signature;
            var sent = tamper?.Invoke(index++, signature) ?? signature;
            body.Write(Encoding.ASCII.GetBytes($"{chunk.Length:x};chunk-signature={sent}\r\n"));
            body.Write(chunk);
            if (chunk.Length > 0)
            {
                body.Write("\r\n"u8);
            }
        }
        if (trailer is { } t)
        {
            var line = $"{t.Name}:{t.Value}\n";
            var trailerSignature = Sign(key, $"AWS4-HMAC-SHA256-TRAILER\n{amzDate}\n{scope}\n{previous}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(line)))}");
            body.Write(Encoding.ASCII.GetBytes($"{t.Name}:{t.Value}\r\nx-amz-trailer-signature:{tamper?.Invoke(-1, trailerSignature) ?? trailerSignature}\r\n\r\n"));
        }
        else
        {
            body.Write("\r\n"u8);
        }

        var request = new HttpRequestMessage(HttpMethod.Put, new Uri(endpoint, path)) { Content = new ByteArrayContent(body.ToArray()) };
        request.Headers.Host = host;
        request.Headers.Add("x-amz-content-sha256", contentSha256);
        request.Headers.Add("x-amz-date", amzDate);
        request.Headers.Add("x-amz-decoded-content-length", decodedLength);
        if (trailer is not null)
        {
            request.Headers.Add("x-amz-trailer", trailer.Value.Name);
        }
        request.Content.Headers.ContentEncoding.Add("aws-chunked");
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential={accessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={seed}");
        return request;
    }

    private static string Sign(byte[] key, string stringToSign) => Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
