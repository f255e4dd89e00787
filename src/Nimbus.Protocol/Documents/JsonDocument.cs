using System.Text.Json;

namespace Nimbus.Protocol.Documents;

/// <summary>
/// awsJson 1.0/1.1 bodies as <see cref="WireValue"/>s. Timestamps travel as epoch-second numbers and blobs as
/// base64 strings, so both read as number/string and convert in the typed accessors.
/// </summary>
public static class JsonWireDocument
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    public static WireValue Read(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            return WireValue.Map();
        }
        try
        {
            var reader = new Utf8JsonReader(body.Span, ReaderOptions);
            reader.Read();
            var value = ReadValue(ref reader);
            if (reader.Read())
            {
                throw new WireFormatException("The JSON body has data after its root value.", null);
            }
            return value;
        }
        catch (JsonException exception)
        {
            throw new WireFormatException("The request body is not valid JSON.", exception);
        }
    }

    public static byte[] Write(WireValue value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteValue(writer, value);
        }
        return buffer.ToArray();
    }

    private static WireValue ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var members = new List<KeyValuePair<string, WireValue>>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var name = reader.GetString()!;
                    reader.Read();
                    members.Add(KeyValuePair.Create(name, ReadValue(ref reader)));
                }
                return WireValue.Map(members);
            case JsonTokenType.StartArray:
                var items = new List<WireValue>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(ReadValue(ref reader));
                }
                return WireValue.List(items);
            case JsonTokenType.String:
                return WireValue.Of(reader.GetString()!);
            case JsonTokenType.Number:
                return WireValue.Of(reader.GetDouble());
            case JsonTokenType.True:
                return WireValue.Of(true);
            case JsonTokenType.False:
                return WireValue.Of(false);
            default:
                return WireValue.Null;
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, WireValue value)
    {
        switch (value.Kind)
        {
            case WireKind.Map:
                writer.WriteStartObject();
                foreach (var (name, member) in value.Members)
                {
                    writer.WritePropertyName(name);
                    WriteValue(writer, member);
                }
                writer.WriteEndObject();
                break;
            case WireKind.List:
                writer.WriteStartArray();
                foreach (var item in value.AsList())
                {
                    WriteValue(writer, item);
                }
                writer.WriteEndArray();
                break;
            case WireKind.Timestamp:
                writer.WriteNumberValue(value.AsTimestamp().ToUnixTimeMilliseconds() / 1000m);
                break;
            case WireKind.Number when value.IsInteger:
                writer.WriteNumberValue(value.AsInt64());
                break;
            case WireKind.Number:
                writer.WriteNumberValue(value.AsDouble());
                break;
            case WireKind.String:
                writer.WriteStringValue(value.AsString());
                break;
            case WireKind.Boolean:
                writer.WriteBooleanValue(value.AsBoolean());
                break;
            case WireKind.Blob:
                writer.WriteBase64StringValue(value.AsBlob());
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
