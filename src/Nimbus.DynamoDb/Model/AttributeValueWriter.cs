using System.Text.Json;

namespace Nimbus.DynamoDb.Model;

/// <summary>Writes AttributeValues in the wire JSON (also the stored form of items).</summary>
internal static class AttributeValueWriter
{
    public static void WriteItem(Utf8JsonWriter json, IReadOnlyDictionary<string, AttributeValue> item)
    {
        json.WriteStartObject();
        foreach (var (name, value) in item)
        {
            json.WritePropertyName(name);
            Write(json, value);
        }
        json.WriteEndObject();
    }

    public static void Write(Utf8JsonWriter json, AttributeValue value)
    {
        json.WriteStartObject();
        switch (value.Kind)
        {
            case AttributeKind.S:
                json.WriteString("S", value.S);
                break;
            case AttributeKind.N:
                json.WriteString("N", value.N.ToString());
                break;
            case AttributeKind.B:
                json.WriteBase64String("B", value.B);
                break;
            case AttributeKind.BOOL:
                json.WriteBoolean("BOOL", value.BOOL);
                break;
            case AttributeKind.NULL:
                json.WriteBoolean("NULL", true);
                break;
            case AttributeKind.SS:
                json.WriteStartArray("SS");
                foreach (var s in value.SS)
                {
                    json.WriteStringValue(s);
                }
                json.WriteEndArray();
                break;
            case AttributeKind.NS:
                json.WriteStartArray("NS");
                foreach (var n in value.NS)
                {
                    json.WriteStringValue(n.ToString());
                }
                json.WriteEndArray();
                break;
            case AttributeKind.BS:
                json.WriteStartArray("BS");
                foreach (var b in value.BS)
                {
                    json.WriteBase64StringValue(b);
                }
                json.WriteEndArray();
                break;
            case AttributeKind.L:
                json.WriteStartArray("L");
                foreach (var element in value.L)
                {
                    Write(json, element);
                }
                json.WriteEndArray();
                break;
            case AttributeKind.M:
                json.WritePropertyName("M");
                WriteItem(json, value.M);
                break;
        }
        json.WriteEndObject();
    }

    public static byte[] ItemToBytes(IReadOnlyDictionary<string, AttributeValue> item)
    {
        // Sized for the usual item at once (its size plus the JSON around each attribute), not grown by doubling.
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(Math.Min(ItemSize.Of(item) + 16 * item.Count + 64, 512 * 1024));
        using (var json = new Utf8JsonWriter(buffer))
        {
            WriteItem(json, item);
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static Dictionary<string, AttributeValue> ItemFromBytes(byte[] bytes)
    {
        using var document = JsonDocument.Parse(bytes);
        return AttributeValueReader.ReadItem(document.RootElement);
    }

    /// <summary>Renders a value as AWS does inside messages: <c>{S:abc}</c>, <c>{N:5}</c>.</summary>
    public static string Describe(AttributeValue value) => value.Kind switch
    {
        AttributeKind.S => $"{{S:{value.S},}}",
        AttributeKind.N => $"{{N:{value.N},}}",
        _ => $"{{{value.Kind}:...}}",
    };
}
