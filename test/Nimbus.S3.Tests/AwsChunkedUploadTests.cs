using System.Net;
using System.Text;
using Nimbus.S3.Protocol;
using Nimbus.S3.Tests.Infrastructure;

namespace Nimbus.S3.Tests;

/// <summary>
/// aws-chunked uploads on the wire, byte for byte as botocore sends them over HTTPS
/// (<c>STREAMING-UNSIGNED-PAYLOAD-TRAILER</c> with an <c>x-amz-checksum-crc32</c> trailer) and as SigV4 streaming
/// signers do (<c>STREAMING-AWS4-HMAC-SHA256-PAYLOAD</c>). Over plain HTTP boto3 sends the checksum as a header instead.
/// </summary>
public sealed class AwsChunkedUploadTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    private static HttpRequestMessage ChunkedPut(string url, string contentSha256, string encodedBody, long decodedLength, string? trailer)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent(Encoding.ASCII.GetBytes(encodedBody)) };
        request.Headers.Add("x-amz-content-sha256", contentSha256);
        request.Headers.Add("x-amz-decoded-content-length", decodedLength.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Content.Headers.ContentEncoding.Add("aws-chunked");
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain");
        if (trailer is not null)
        {
            request.Headers.Add("x-amz-trailer", trailer);
        }
        return request;
    }

    [Fact]
    public async Task UnsignedPayloadTrailer_StoresDecodedBodyAndVerifiesCrc32()
    {
        using var http = new HttpClient();
        await http.PutAsync(server.EndpointUrl + "/chunked", null);
        var crc = CrcOf("hello world");
        var body = $"5\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:{crc}\r\n\r\n";
        var put = await http.SendAsync(ChunkedPut(server.EndpointUrl + "/chunked/good", "STREAMING-UNSIGNED-PAYLOAD-TRAILER", body, 11, "x-amz-checksum-crc32"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(crc, put.Headers.GetValues("x-amz-checksum-crc32").Single());

        using var get = new HttpRequestMessage(HttpMethod.Get, server.EndpointUrl + "/chunked/good");
        get.Headers.Add("x-amz-checksum-mode", "ENABLED");
        var response = await http.SendAsync(get);
        Assert.Equal("hello world", await response.Content.ReadAsStringAsync());
        Assert.Equal(crc, response.Headers.GetValues("x-amz-checksum-crc32").Single());
        // aws-chunked is the transfer framing, not a stored Content-Encoding.
        Assert.Empty(response.Content.Headers.ContentEncoding);

        var wrong = "5\r\nhello\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n";
        var bad = await http.SendAsync(ChunkedPut(server.EndpointUrl + "/chunked/bad", "STREAMING-UNSIGNED-PAYLOAD-TRAILER", wrong, 5, "x-amz-checksum-crc32"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("<Code>BadDigest</Code>", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(server.EndpointUrl + "/chunked/bad")).StatusCode);
    }

    [Fact]
    public async Task SignedStreamingPayload_IsDecoded_AndAShortBodyIsIncompleteBody()
    {
        using var http = new HttpClient();
        await http.PutAsync(server.EndpointUrl + "/signed-chunks", null);
        var signature = new string('a', 64);
        var body = $"4;chunk-signature={signature}\r\nabcd\r\n0;chunk-signature={signature}\r\n\r\n";
        var put = await http.SendAsync(ChunkedPut(server.EndpointUrl + "/signed-chunks/k", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", body, 4, null));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("abcd", await http.GetStringAsync(server.EndpointUrl + "/signed-chunks/k"));

        var truncated = await http.SendAsync(ChunkedPut(server.EndpointUrl + "/signed-chunks/short", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", "8\r\nabcd", 8, null));
        Assert.Equal(HttpStatusCode.BadRequest, truncated.StatusCode);
        Assert.Contains("<Code>IncompleteBody</Code>", await truncated.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string CrcOf(string text)
    {
        using var crc = ChecksumCalculator.Create("CRC32")!;
        crc.Append(Encoding.ASCII.GetBytes(text));
        return crc.GetBase64();
    }
}
