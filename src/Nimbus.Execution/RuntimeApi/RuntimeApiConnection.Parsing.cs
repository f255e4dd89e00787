using System.Buffers;
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

    private static RequestHead ParseHead(ReadOnlySequence<byte> bytes)
    {
        var text = Encoding.Latin1.GetString(bytes);
        var head = new RequestHead();
        var lines = text.Split("\r\n");
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length < 3)
        {
            throw new InvalidDataException("Bad request line");
        }
        head.Method = requestLine[0];
        var target = requestLine[1];
        var query = target.IndexOf('?');
        head.Path = query < 0 ? target : target[..query];
        head.Close = requestLine[2] == "HTTP/1.0";
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i];
            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }
            var name = line.AsSpan(0, colon).Trim();
            var value = line.AsSpan(colon + 1).Trim();
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                head.ContentLength = long.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
            }
            else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                head.Chunked = value.Contains("chunked", StringComparison.OrdinalIgnoreCase);
            }
            else if (name.Equals("Expect", StringComparison.OrdinalIgnoreCase))
            {
                head.ExpectContinue = value.Equals("100-continue", StringComparison.OrdinalIgnoreCase);
            }
            else if (name.Equals("Connection", StringComparison.OrdinalIgnoreCase))
            {
                head.Close = value.Equals("close", StringComparison.OrdinalIgnoreCase);
            }
            else if (name.Equals("Lambda-Runtime-Function-Error-Type", StringComparison.OrdinalIgnoreCase))
            {
                head.ErrorType = value.ToString();
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
            await _stream.WriteAsync(_continue, cancellationToken);
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
