using System.IO.Pipelines;
using System.Text;
using Nimbus.Core;
using Nimbus.S3.Protocol;

namespace Nimbus.S3.Tests;

public sealed class AwsChunkedStreamTests
{
    private static async Task<(string Body, AwsChunkedStream Stream)> DecodeAsync(string encoded, int readSize = 7)
    {
        var stream = new AwsChunkedStream(PipeReader.Create(new MemoryStream(Encoding.ASCII.GetBytes(encoded)), new StreamPipeReaderOptions(bufferSize: 5, minimumReadSize: 1)));
        var output = new MemoryStream();
        var buffer = new byte[readSize];
        int read;
        while ((read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10))) > 0)
        {
            output.Write(buffer, 0, read);
        }
        return (Encoding.ASCII.GetString(output.ToArray()), stream);
    }

    [Fact]
    public async Task SignedChunks_AreDecoded()
    {
        var (body, _) = await DecodeAsync("5;chunk-signature=abc\r\nhello\r\n6;chunk-signature=def\r\n world\r\n0;chunk-signature=fff\r\n\r\n");
        Assert.Equal("hello world", body);
    }

    [Fact]
    public async Task UnsignedChunksWithTrailers_ExposeTheTrailers()
    {
        var (body, stream) = await DecodeAsync("a\r\n0123456789\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\nx-amz-trailer-signature:sig\r\n\r\n");
        Assert.Equal("0123456789", body);
        Assert.Equal("AAAAAA==", stream.Trailers["x-amz-checksum-crc32"]);
        Assert.Equal(10, stream.DecodedLength);
    }

    [Fact]
    public async Task BodyEndingAfterLastChunk_WithoutBlankLine_IsAccepted()
    {
        var (body, _) = await DecodeAsync("3\r\nabc\r\n0\r\n");
        Assert.Equal("abc", body);
    }

    [Theory]
    [InlineData("zz;chunk-signature=abc\r\nhello\r\n0\r\n\r\n")]
    [InlineData("5\r\nhelloXX0\r\n\r\n")]
    [InlineData("0\r\nnot a trailer\r\n\r\n")]
    [InlineData("-1\r\n\r\n")]
    public async Task MalformedChunk_Throws(string encoded)
    {
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => DecodeAsync(encoded));
        Assert.Equal(400, error.StatusCode);
    }

    [Theory]
    [InlineData("a\r\n01234")]
    [InlineData("5\r\nhello\r\n")]
    [InlineData("5\r\nhello")]
    [InlineData("")]
    public async Task TruncatedBody_ThrowsIncompleteBody_InsteadOfWaiting(string encoded)
    {
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => DecodeAsync(encoded));
        Assert.Equal("IncompleteBody", error.ErrorCode);
    }

    [Fact]
    public async Task EndlessChunkHeader_IsRejected()
    {
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => DecodeAsync(new string('1', 10_000)));
        Assert.Equal(400, error.StatusCode);
    }
}
