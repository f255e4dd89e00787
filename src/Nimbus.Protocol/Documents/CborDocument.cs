using System.Formats.Cbor;

namespace Nimbus.Protocol.Documents;

/// <summary>
/// smithy-rpc-v2-cbor bodies (https://smithy.io/2.0/additional-specs/protocols/smithy-rpc-v2.html): structures
/// and maps are CBOR maps with text keys (definite or indefinite length), timestamps are tag 1 around epoch
/// seconds (integer or float), blobs are byte strings. Floats of any width are read as doubles.
/// </summary>
public static class CborDocument
{
    /// <summary>Nesting deeper than any AWS shape; guards the recursive reader against hostile input.</summary>
    private const int MaxDepth = 64;

    public static WireValue Read(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            return WireValue.Map();
        }
        try
        {
            var reader = new CborReader(body, CborConformanceMode.Lax, allowMultipleRootLevelValues: false);
            var value = ReadValue(reader, 0);
            if (reader.BytesRemaining != 0)
            {
                throw new WireFormatException("The CBOR body has bytes after its root value.", null);
            }
            return value;
        }
        catch (Exception exception) when (exception is CborContentException or InvalidOperationException or FormatException or OverflowException)
        {
            throw new WireFormatException("The request body is not valid CBOR.", exception);
        }
    }

    public static byte[] Write(WireValue value)
    {
        var writer = new CborWriter(CborConformanceMode.Lax, convertIndefiniteLengthEncodings: false);
        WriteValue(writer, value);
        return writer.Encode();
    }

    private static WireValue ReadValue(CborReader reader, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new WireFormatException("The CBOR body nests too deeply.", null);
        }
        switch (reader.PeekState())
        {
            case CborReaderState.StartMap:
                var count = reader.ReadStartMap();
                var members = new List<KeyValuePair<string, WireValue>>(count ?? 4);
                while (reader.PeekState() != CborReaderState.EndMap)
                {
                    var key = reader.ReadTextString();
                    members.Add(KeyValuePair.Create(key, ReadValue(reader, depth + 1)));
                }
                reader.ReadEndMap();
                return WireValue.Map(members);
            case CborReaderState.StartArray:
                reader.ReadStartArray();
                var items = new List<WireValue>();
                while (reader.PeekState() != CborReaderState.EndArray)
                {
                    items.Add(ReadValue(reader, depth + 1));
                }
                reader.ReadEndArray();
                return WireValue.List(items);
            case CborReaderState.Tag:
                var tag = reader.ReadTag();
                var tagged = ReadValue(reader, depth + 1);
                return tag == CborTag.UnixTimeSeconds ? WireValue.Of(tagged.AsTimestamp()) : tagged;
            case CborReaderState.TextString or CborReaderState.StartIndefiniteLengthTextString:
                return WireValue.Of(reader.ReadTextString());
            case CborReaderState.ByteString or CborReaderState.StartIndefiniteLengthByteString:
                return WireValue.Blob(reader.ReadByteString());
            case CborReaderState.UnsignedInteger:
                return WireValue.Of((double)reader.ReadUInt64());
            case CborReaderState.NegativeInteger:
                return WireValue.Of(-1d - reader.ReadCborNegativeIntegerRepresentation());
            case CborReaderState.HalfPrecisionFloat or CborReaderState.SinglePrecisionFloat or CborReaderState.DoublePrecisionFloat:
                return WireValue.Of(reader.ReadDouble());
            case CborReaderState.Boolean:
                return WireValue.Of(reader.ReadBoolean());
            case CborReaderState.Null:
                reader.ReadNull();
                return WireValue.Null;
            case CborReaderState.SimpleValue:
                reader.ReadSimpleValue();
                return WireValue.Null;
            default:
                throw new WireFormatException($"Unexpected CBOR item {reader.PeekState()}.", null);
        }
    }

    private static void WriteValue(CborWriter writer, WireValue value)
    {
        switch (value.Kind)
        {
            case WireKind.Map:
                writer.WriteStartMap(value.Members.Count);
                foreach (var (name, member) in value.Members)
                {
                    writer.WriteTextString(name);
                    WriteValue(writer, member);
                }
                writer.WriteEndMap();
                break;
            case WireKind.List:
                var items = value.AsList();
                writer.WriteStartArray(items.Count);
                foreach (var item in items)
                {
                    WriteValue(writer, item);
                }
                writer.WriteEndArray();
                break;
            case WireKind.Timestamp:
                writer.WriteTag(CborTag.UnixTimeSeconds);
                writer.WriteDouble(value.AsTimestamp().ToUnixTimeMilliseconds() / 1000d);
                break;
            case WireKind.String:
                writer.WriteTextString(value.AsString());
                break;
            case WireKind.Number:
                if (value.IsInteger)
                {
                    writer.WriteInt64(value.AsInt64());
                }
                else
                {
                    writer.WriteDouble(value.AsDouble());
                }
                break;
            case WireKind.Boolean:
                writer.WriteBoolean(value.AsBoolean());
                break;
            case WireKind.Blob:
                writer.WriteByteString(value.AsBlob());
                break;
            default:
                writer.WriteNull();
                break;
        }
    }
}
