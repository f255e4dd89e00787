using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Nimbus.Execution.RuntimeApi;

internal sealed partial class RuntimeApiConnection
{
    private const int MaxHeadBytes = 64 * 1024;
    private static readonly byte[] _continue = "HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray();

    private async ValueTask<RequestHead?> ReadHeadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await _reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var reader = new SequenceReader<byte>(buffer);
            // Tolerate stray CRLFs between requests (RFC 9112 §2.2).
            while (reader.IsNext("\r\n"u8, advancePast: true))
            {
            }
            if (reader.TryReadTo(out ReadOnlySequence<byte> headBytes, "\r\n\r\n"u8, advancePastDelimiter: true))
            {
                var head = ParseHead(headBytes);
                _reader.AdvanceTo(reader.Position);
                return head;
            }
            if (buffer.Length > MaxHeadBytes)
            {
                throw new InvalidDataException("Request head too large");
            }
            if (result.IsCompleted)
            {
                _reader.AdvanceTo(buffer.End);
                return null;
            }
            _reader.AdvanceTo(reader.Position, buffer.End);
        }
    }

    private RequestHead ParseHead(ReadOnlySequence<byte> bytes)
    {
        if (bytes.IsSingleSegment)
        {
            return ParseHead(bytes.FirstSpan);
        }
        var rented = ArrayPool<byte>.Shared.Rent((int)bytes.Length);
        try
        {
            bytes.CopyTo(rented);
            return ParseHead(rented.AsSpan(0, (int)bytes.Length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Parses the head in place; only the path (and an error type) become strings.</summary>
    private RequestHead ParseHead(ReadOnlySpan<byte> span)
    {
        var head = _head;
        head.Reset();
        var lineEnd = span.IndexOf("\r\n"u8);
        var requestLine = lineEnd < 0 ? span : span[..lineEnd];
        var rest = lineEnd < 0 ? [] : span[(lineEnd + 2)..];
        var firstSpace = requestLine.IndexOf((byte)' ');
        var secondSpace = firstSpace < 0 ? -1 : requestLine[(firstSpace + 1)..].IndexOf((byte)' ');
        if (firstSpace <= 0 || secondSpace <= 0)
        {
            throw new InvalidDataException("Bad request line");
        }
        var method = requestLine[..firstSpace];
        var target = requestLine.Slice(firstSpace + 1, secondSpace);
        var version = requestLine[(firstSpace + secondSpace + 2)..];
        head.Method = method.SequenceEqual("GET"u8) ? "GET" : method.SequenceEqual("POST"u8) ? "POST" : Encoding.Latin1.GetString(method);
        var query = target.IndexOf((byte)'?');
        head.Path = Encoding.Latin1.GetString(query < 0 ? target : target[..query]);
        head.Close = version.SequenceEqual("HTTP/1.0"u8);
        while (!rest.IsEmpty)
        {
            lineEnd = rest.IndexOf("\r\n"u8);
            var line = lineEnd < 0 ? rest : rest[..lineEnd];
            rest = lineEnd < 0 ? [] : rest[(lineEnd + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                continue;
            }
            var name = line[..colon].Trim(" \t"u8);
            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
            {
                if (!Utf8Parser.TryParse(value, out long length, out var consumed) || consumed != value.Length || length < 0)
                {
                    throw new InvalidDataException("Bad Content-Length");
                }
                head.ContentLength = length;
            }
            else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
            {
                head.Chunked = Ascii.EqualsIgnoreCase(value, "chunked"u8);
            }
            else if (Ascii.EqualsIgnoreCase(name, "Expect"u8))
            {
                head.ExpectContinue = Ascii.EqualsIgnoreCase(value, "100-continue"u8);
            }
            else if (Ascii.EqualsIgnoreCase(name, "Connection"u8))
            {
                head.Close = Ascii.EqualsIgnoreCase(value, "close"u8);
            }
            else if (Ascii.EqualsIgnoreCase(name, "Lambda-Runtime-Function-Error-Type"u8))
            {
                head.ErrorType = Encoding.UTF8.GetString(value);
            }
        }
        return head;
    }

    private async ValueTask SkipBodyAsync(RequestHead head, CancellationToken cancellationToken)
    {
        if (head.HasBody)
        {
            await ReadBodyAsync(head, 0, cancellationToken);
        }
    }

    /// <summary>Reads the whole body; beyond <paramref name="maxBytes"/> it is read and discarded, and reported as too large.</summary>
    private async ValueTask<(byte[] Body, int Length, bool TooLarge)> ReadBodyAsync(RequestHead head, int maxBytes, CancellationToken cancellationToken)
    {
        if (!head.HasBody)
        {
            return ([], 0, false);
        }
        if (head.ExpectContinue)
        {
            await WriteAsync(_continue, cancellationToken);
        }
        if (!head.Chunked)
        {
            if (head.ContentLength > maxBytes)
            {
                await CopyAsync(null, 0, head.ContentLength, cancellationToken);
                return ([], 0, true);
            }
            var body = new byte[head.ContentLength];
            await CopyAsync(body, 0, body.Length, cancellationToken);
            return (body, body.Length, false);
        }
        var buffer = new byte[4096];
        var length = 0;
        var tooLarge = false;
        while (true)
        {
            var line = await ReadLineAsync(cancellationToken);
            var semicolon = line.IndexOf(';');
            var size = long.Parse(semicolon < 0 ? line.Trim() : line[..semicolon].Trim(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                while ((await ReadLineAsync(cancellationToken)).Length > 0)
                {
                    // Trailers carry nothing the Runtime API uses.
                }
                return (buffer, length, tooLarge);
            }
            tooLarge |= length + size > maxBytes;
            if (tooLarge)
            {
                await CopyAsync(null, 0, size, cancellationToken);
            }
            else
            {
                if (length + size > buffer.Length)
                {
                    Array.Resize(ref buffer, (int)Math.Min(maxBytes, Math.Max(buffer.Length * 2, length + size)));
                }
                await CopyAsync(buffer, length, size, cancellationToken);
                length += (int)size;
            }
            await ReadLineAsync(cancellationToken);
        }
    }

    /// <summary>Copies <paramref name="count"/> body bytes into <paramref name="destination"/> (or drops them when null).</summary>
    private async ValueTask CopyAsync(byte[]? destination, int offset, long count, CancellationToken cancellationToken)
    {
        while (count > 0)
        {
            var result = await _reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (buffer.IsEmpty && result.IsCompleted)
            {
                throw new IOException("Connection closed in the middle of a body");
            }
            var take = buffer.Slice(0, Math.Min(buffer.Length, count));
            if (destination is not null)
            {
                take.CopyTo(destination.AsSpan(offset));
                offset += (int)take.Length;
            }
            count -= take.Length;
            _reader.AdvanceTo(take.End);
        }
    }

    private async ValueTask<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await _reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var reader = new SequenceReader<byte>(buffer);
            if (reader.TryReadTo(out ReadOnlySequence<byte> line, "\r\n"u8, advancePastDelimiter: true))
            {
                var text = Encoding.Latin1.GetString(line);
                _reader.AdvanceTo(reader.Position);
                return text;
            }
            if (result.IsCompleted || buffer.Length > MaxHeadBytes)
            {
                throw new InvalidDataException("Bad chunked body");
            }
            _reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}
