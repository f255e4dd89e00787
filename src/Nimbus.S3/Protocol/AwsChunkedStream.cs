using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using Nimbus.S3.Api;

namespace Nimbus.S3.Protocol;

/// <summary>
/// Decodes an <c>aws-chunked</c> body while it streams ("Signature Calculations for the Authorization Header:
/// Transferring Payload in Multiple Chunks", and the unsigned-trailer variant): chunks of
/// <c>hex-size[;chunk-signature=…]\r\n data \r\n</c>, a zero-size chunk, then optional trailer lines
/// (<c>x-amz-checksum-crc32:…</c>, <c>x-amz-trailer-signature:…</c>) and a blank line. Chunk and trailer signatures are
/// verified when the request's own signature was (<see cref="ChunkSignatureChain"/>); otherwise, as for the header
/// signature of an unknown key, they are not. A malformed or truncated body throws an S3 error instead of waiting for more.
/// </summary>
internal sealed class AwsChunkedStream : Stream
{
    private const int MaxLineLength = 4096;

    private readonly PipeReader _reader;
    private readonly Dictionary<string, string> _trailers = new(StringComparer.OrdinalIgnoreCase);
    private readonly ChunkSignatureChain? _signatures;
    private long _remainingInChunk;
    private string? _chunkSignature;
    private bool _finished;

    public AwsChunkedStream(PipeReader reader, ChunkSignatureChain? signatures = null)
    {
        _reader = reader;
        _signatures = signatures;
    }

    /// <summary>Trailer headers (lower-case names), complete once a read has returned 0.</summary>
    public IReadOnlyDictionary<string, string> Trailers => _trailers;

    public long DecodedLength { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => DecodedLength; set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_finished || buffer.Length == 0)
        {
            return 0;
        }
        if (_remainingInChunk == 0)
        {
            var header = await ReadLineAsync(cancellationToken) ?? throw S3Errors.IncompleteBody();
            (_remainingInChunk, _chunkSignature) = ParseChunkHeader(header);
            if (_remainingInChunk == 0)
            {
                _signatures?.VerifyChunk(_chunkSignature);
                await ReadTrailersAsync(cancellationToken);
                if (_signatures is { SignedTrailer: true })
                {
                    _signatures.VerifyTrailer(_trailers);
                }
                _finished = true;
                return 0;
            }
        }

        var result = await _reader.ReadAsync(cancellationToken);
        var data = result.Buffer;
        if (data.IsEmpty && result.IsCompleted)
        {
            _reader.AdvanceTo(data.Start);
            throw S3Errors.IncompleteBody();
        }
        var count = (int)Math.Min(Math.Min(data.Length, _remainingInChunk), buffer.Length);
        data.Slice(0, count).CopyTo(buffer.Span);
        _reader.AdvanceTo(data.GetPosition(count));
        _signatures?.Append(buffer.Span[..count]);
        _remainingInChunk -= count;
        DecodedLength += count;
        if (_remainingInChunk == 0)
        {
            _signatures?.VerifyChunk(_chunkSignature);
            var end = await ReadLineAsync(cancellationToken) ?? throw S3Errors.IncompleteBody();
            if (end.Length != 0)
            {
                throw S3Errors.InvalidChunk("Chunk data was not followed by CRLF.");
            }
        }
        return count;
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary><c>hex-size[;chunk-signature=sig]</c>: the size and the signature, if any.</summary>
    private static (long Size, string? Signature) ParseChunkHeader(string header)
    {
        var semicolon = header.IndexOf(';');
        var size = (semicolon >= 0 ? header[..semicolon] : header).Trim();
        if (size.Length is 0 or > 15 || !long.TryParse(size, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value) || value < 0)
        {
            throw S3Errors.InvalidChunk($"Invalid chunk size in aws-chunked body: '{Truncate(header)}'.");
        }
        const string SignaturePrefix = "chunk-signature=";
        var extension = semicolon >= 0 ? header[(semicolon + 1)..].Trim() : "";
        return (value, extension.StartsWith(SignaturePrefix, StringComparison.Ordinal) ? extension[SignaturePrefix.Length..] : null);
    }

    private async Task ReadTrailersAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            // Some clients end the body right after the last chunk or trailer without the closing blank line.
            var line = await ReadLineAsync(cancellationToken);
            if (string.IsNullOrEmpty(line))
            {
                return;
            }
            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                throw S3Errors.InvalidChunk($"Invalid trailer in aws-chunked body: '{Truncate(line)}'.");
            }
            _trailers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
        }
    }

    /// <summary>One CRLF- (or LF-) terminated line without its terminator; null at a clean end of body.</summary>
    private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await _reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var newline = buffer.PositionOf((byte)'\n');
            if (newline is { } position)
            {
                var lineBytes = buffer.Slice(0, position);
                if (lineBytes.Length > MaxLineLength)
                {
                    _reader.AdvanceTo(buffer.Start);
                    throw S3Errors.InvalidChunk("A line of the aws-chunked body is too long.");
                }
                var line = Encoding.ASCII.GetString(lineBytes);
                _reader.AdvanceTo(buffer.GetPosition(1, position));
                return line.EndsWith('\r') ? line[..^1] : line;
            }
            if (buffer.Length > MaxLineLength)
            {
                _reader.AdvanceTo(buffer.Start);
                throw S3Errors.InvalidChunk("A line of the aws-chunked body is too long.");
            }
            if (result.IsCompleted)
            {
                _reader.AdvanceTo(buffer.End);
                if (buffer.IsEmpty)
                {
                    return null;
                }
                throw S3Errors.IncompleteBody();
            }
            _reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static string Truncate(string text) => text.Length > 64 ? text[..64] : text;
}
