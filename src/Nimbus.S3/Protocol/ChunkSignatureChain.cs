using System.Security.Cryptography;
using System.Text;
using Nimbus.Protocol.SigV4;
using Nimbus.S3.Api;

namespace Nimbus.S3.Protocol;

/// <summary>
/// Verifies the chained signatures of a signed aws-chunked body (S3 API Reference, "Transferring Payload in Multiple
/// Chunks" and "Including Trailing Headers"). Each chunk's string to sign is
/// <c>AWS4-HMAC-SHA256-PAYLOAD \n time \n scope \n previous-signature \n hex(SHA256("")) \n hex(SHA256(chunk-data))</c>,
/// the previous signature of the first chunk being the Authorization header's; the final, empty chunk is signed the
/// same way. The trailer's is <c>AWS4-HMAC-SHA256-TRAILER \n time \n scope \n final-chunk-signature \n
/// hex(SHA256(trailers))</c> over the trailer lines as <c>name:value\n</c>, sorted by name. Chunk data is hashed as it
/// streams; a mismatch throws <c>SignatureDoesNotMatch</c> before the body is ever committed.
/// </summary>
internal sealed class ChunkSignatureChain : IDisposable
{
    private const string EmptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private readonly SigV4StreamingSeed _seed;
    private readonly IncrementalHash _chunk = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private string _previous;

    public ChunkSignatureChain(SigV4StreamingSeed seed, bool signedTrailer)
    {
        _seed = seed;
        _previous = seed.SeedSignature;
        SignedTrailer = signedTrailer;
    }

    /// <summary><c>STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER</c>: the trailer carries <c>x-amz-trailer-signature</c>.</summary>
    public bool SignedTrailer { get; }

    public void Append(ReadOnlySpan<byte> data) => _chunk.AppendData(data);

    /// <summary>Checks the chunk just read (data appended since the last check) against its <c>chunk-signature</c>.</summary>
    public void VerifyChunk(string? provided)
    {
        var stringToSign = $"AWS4-HMAC-SHA256-PAYLOAD\n{_seed.AmzDate}\n{_seed.Scope}\n{_previous}\n{EmptyHash}\n{Convert.ToHexStringLower(_chunk.GetHashAndReset())}";
        _previous = Check(stringToSign, provided);
    }

    /// <summary>Checks <c>x-amz-trailer-signature</c> over the other trailer lines.</summary>
    public void VerifyTrailer(IReadOnlyDictionary<string, string> trailers)
    {
        var canonical = new StringBuilder();
        foreach (var (name, value) in trailers.Where(t => t.Key != "x-amz-trailer-signature").OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            canonical.Append(name).Append(':').Append(value).Append('\n');
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
        var stringToSign = $"AWS4-HMAC-SHA256-TRAILER\n{_seed.AmzDate}\n{_seed.Scope}\n{_previous}\n{hash}";
        _previous = Check(stringToSign, trailers.GetValueOrDefault("x-amz-trailer-signature"));
    }

    public void Dispose() => _chunk.Dispose();

    private string Check(string stringToSign, string? provided)
    {
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(_seed.SigningKey, Encoding.UTF8.GetBytes(stringToSign)));
        if (provided is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(provided)))
        {
            throw S3Errors.ChunkSignatureDoesNotMatch(stringToSign, provided ?? "");
        }
        return expected;
    }
}
