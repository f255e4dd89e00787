using System.Net;
using System.Text;
using Amazon.S3.Model;
using Nimbus.S3.Protocol;
using Nimbus.S3.Tests.Infrastructure;

namespace Nimbus.S3.Tests;

/// <summary>
/// Signed streaming payloads (<c>STREAMING-AWS4-HMAC-SHA256-PAYLOAD</c> and <c>-TRAILER</c>): with a known key every
/// chunk signature, chained from the seed, and the trailer signature are verified, and a wrong one is 403
/// SignatureDoesNotMatch with nothing stored; with a key Nimbus does not know (signatures not checked) they are not.
/// </summary>
public sealed class StreamingSignatureTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    private static readonly byte[][] Chunks = [Encoding.ASCII.GetBytes(new string('a', 8192)), Encoding.ASCII.GetBytes("tail of the body")];

    [Fact]
    public async Task SignedChunks_AreVerified_AndAWrongChunkSignatureIsSignatureDoesNotMatch()
    {
        using var http = new HttpClient();
        var signer = new StreamingSigner("test", "test");
        var endpoint = new Uri(server.EndpointUrl);
        await http.PutAsync(server.EndpointUrl + "/streaming-signed", null);

        var good = await http.SendAsync(signer.Put(endpoint, "/streaming-signed/good", Chunks));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal(new string('a', 8192) + "tail of the body", await http.GetStringAsync(server.EndpointUrl + "/streaming-signed/good"));

        // The second data chunk's signature is off by one character, then the final (empty) chunk's.
        foreach (var wrongAt in new[] { 1, 2 })
        {
            var bad = await http.SendAsync(signer.Put(endpoint, $"/streaming-signed/bad{wrongAt}", Chunks,
                tamper: (i, signature) => i == wrongAt ? (signature[0] == '0' ? "1" : "0") + signature[1..] : signature));
            Assert.Equal(HttpStatusCode.Forbidden, bad.StatusCode);
            var error = await bad.Content.ReadAsStringAsync();
            Assert.Contains("<Code>SignatureDoesNotMatch</Code>", error, StringComparison.Ordinal);
            Assert.Contains("AWS4-HMAC-SHA256-PAYLOAD", error, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(server.EndpointUrl + $"/streaming-signed/bad{wrongAt}")).StatusCode);
        }
    }

    [Fact]
    public async Task SignedTrailer_IsVerified_AndAWrongTrailerSignatureIsSignatureDoesNotMatch()
    {
        using var http = new HttpClient();
        var signer = new StreamingSigner("test", "test");
        var endpoint = new Uri(server.EndpointUrl);
        await http.PutAsync(server.EndpointUrl + "/streaming-trailer", null);
        using var crc = ChecksumCalculator.Create("CRC32")!;
        crc.Append(Chunks[0]);
        crc.Append(Chunks[1]);
        var checksum = crc.GetBase64();
        var trailer = ("x-amz-checksum-crc32", checksum);

        var good = await http.SendAsync(signer.Put(endpoint, "/streaming-trailer/good", Chunks, trailer));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal(checksum, good.Headers.GetValues("x-amz-checksum-crc32").Single());

        var bad = await http.SendAsync(signer.Put(endpoint, "/streaming-trailer/bad", Chunks, trailer,
            tamper: (i, signature) => i == -1 ? new string('0', 64) : signature));
        Assert.Equal(HttpStatusCode.Forbidden, bad.StatusCode);
        Assert.Contains("AWS4-HMAC-SHA256-TRAILER", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(server.EndpointUrl + "/streaming-trailer/bad")).StatusCode);
    }

    [Fact]
    public async Task UnknownKey_SignaturesAreNotChecked_SoChunkSignaturesAreNotEither()
    {
        using var http = new HttpClient();
        var endpoint = new Uri(server.EndpointUrl);
        await http.PutAsync(server.EndpointUrl + "/streaming-unknown", null);
        var put = await http.SendAsync(new StreamingSigner("not-a-known-key", "whatever").Put(endpoint, "/streaming-unknown/k", Chunks,
            tamper: (_, _) => new string('f', 64)));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
    }

    [Fact]
    public async Task DotNetSdk_SendsSignedChunks_WhichVerify()
    {
        var seen = new List<string>();
        using var s3 = server.DotNetClient(request =>
        {
            if (request.Method == HttpMethod.Put && request.Headers.TryGetValues("x-amz-content-sha256", out var values))
            {
                seen.Add(values.Single());
            }
        });
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = "streaming-dotnet" });
        var content = new byte[300_000];
        Random.Shared.NextBytes(content);
        var put = await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = "streaming-dotnet", Key = "signed.bin", InputStream = new MemoryStream(content), UseChunkEncoding = true,
        });
        Assert.Equal(HttpStatusCode.OK, put.HttpStatusCode);
        Assert.Contains(seen, s => s.StartsWith("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", StringComparison.Ordinal));
        using var get = await s3.GetObjectAsync("streaming-dotnet", "signed.bin");
        using var copy = new MemoryStream();
        await get.ResponseStream.CopyToAsync(copy);
        Assert.Equal(content, copy.ToArray());
    }
}
