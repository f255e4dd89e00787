using System.Buffers.Binary;
using System.Text;

namespace Nimbus.Protocol.EventStream;

/// <summary>
/// Encodes one message of AWS's event-stream framing (<c>application/vnd.amazon.eventstream</c>, used by
/// Logs StartLiveTail, S3 SelectObjectContent, Transcribe, Bedrock streaming): a prelude of total length, headers
/// length and the prelude's CRC-32; headers as name length (1 byte), name, value type (7 = string), value length
/// (2 bytes), value; the payload; the CRC-32 of everything before it. All integers big-endian.
/// https://docs.aws.amazon.com/AmazonS3/latest/API/RESTSelectObjectAppendix.html
/// </summary>
public static class EventStreamMessage
{
    private const byte StringType = 7;
    private const int PreludeLength = 12;

    /// <summary>An <c>event</c> message: <c>:message-type</c> event, <c>:event-type</c> and <c>:content-type</c> headers.</summary>
    public static byte[] Event(string eventType, ReadOnlySpan<byte> payload, string contentType = "application/json") =>
        Encode([(":message-type", "event"), (":event-type", eventType), (":content-type", contentType)], payload);

    /// <summary>A modeled <c>exception</c> message, its shape named by <c>:exception-type</c>.</summary>
    public static byte[] Exception(string exceptionType, ReadOnlySpan<byte> payload) =>
        Encode([(":message-type", "exception"), (":exception-type", exceptionType), (":content-type", "application/json")], payload);

    public static byte[] Encode(IReadOnlyList<(string Name, string Value)> headers, ReadOnlySpan<byte> payload)
    {
        var headersLength = 0;
        foreach (var (name, value) in headers)
        {
            headersLength += 1 + Encoding.UTF8.GetByteCount(name) + 1 + 2 + Encoding.UTF8.GetByteCount(value);
        }
        var total = PreludeLength + headersLength + payload.Length + 4;
        var message = new byte[total];
        var span = message.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)total);
        BinaryPrimitives.WriteUInt32BigEndian(span[4..], (uint)headersLength);
        BinaryPrimitives.WriteUInt32BigEndian(span[8..], EventStreamCrc32.Compute(span[..8]));
        var at = PreludeLength;
        foreach (var (name, value) in headers)
        {
            var nameLength = Encoding.UTF8.GetBytes(name, span[(at + 1)..]);
            if (nameLength > byte.MaxValue)
            {
                throw new ArgumentException($"Event-stream header name '{name}' is longer than 255 bytes.", nameof(headers));
            }
            span[at] = (byte)nameLength;
            at += 1 + nameLength;
            span[at++] = StringType;
            var valueLength = Encoding.UTF8.GetBytes(value, span[(at + 2)..]);
            BinaryPrimitives.WriteUInt16BigEndian(span[at..], checked((ushort)valueLength));
            at += 2 + valueLength;
        }
        payload.CopyTo(span[at..]);
        at += payload.Length;
        BinaryPrimitives.WriteUInt32BigEndian(span[at..], EventStreamCrc32.Compute(span[..at]));
        return message;
    }
}
