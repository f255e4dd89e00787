using System.Globalization;
using System.Text;
using System.Xml;

namespace Nimbus.Protocol.Documents;

/// <summary>
/// The query protocol: form-encoded requests (<c>Action=…&amp;Version=…&amp;MetricData.member.1.MetricName=…</c>)
/// read as <see cref="WireValue"/>s, and XML responses
/// <c>&lt;{Op}Response xmlns=…&gt;&lt;{Op}Result&gt;…&lt;/{Op}Result&gt;&lt;ResponseMetadata&gt;&lt;RequestId/&gt;…</c>.
/// Lists are <c>member.N</c> (1-based) and maps <c>entry.N.key</c>/<c>entry.N.value</c>, as botocore's query
/// serializer writes them.
/// </summary>
public static class QueryDocument
{
    private static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(false), Indent = false, OmitXmlDeclaration = true };

    /// <summary>The parameters other than <c>Action</c> and <c>Version</c>, as a structure.</summary>
    public static WireValue Read(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var root = new Node();
        foreach (var (key, value) in parameters)
        {
            if (key is "Action" or "Version")
            {
                continue;
            }
            var node = root;
            foreach (var segment in key.Split('.'))
            {
                node.Children ??= new Dictionary<string, Node>(StringComparer.Ordinal);
                if (!node.Children.TryGetValue(segment, out var child))
                {
                    node.Children[segment] = child = new Node();
                }
                node = child;
            }
            node.Value = value;
        }
        return root.ToWire();
    }

    public static byte[] WriteResponse(string operation, WireValue? result, string requestId, string xmlNamespace)
    {
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, Settings))
        {
            xml.WriteStartElement(operation + "Response", xmlNamespace);
            if (result is not null && result.Kind == WireKind.Map && result.Members.Count > 0)
            {
                xml.WriteStartElement(operation + "Result");
                WriteMembers(xml, result);
                xml.WriteEndElement();
            }
            xml.WriteStartElement("ResponseMetadata");
            xml.WriteElementString("RequestId", requestId);
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        return buffer.ToArray();
    }

    private static void WriteMembers(XmlWriter xml, WireValue structure)
    {
        foreach (var (name, member) in structure.Members)
        {
            xml.WriteStartElement(name);
            WriteValue(xml, member);
            xml.WriteEndElement();
        }
    }

    private static void WriteValue(XmlWriter xml, WireValue value)
    {
        switch (value.Kind)
        {
            case WireKind.Map when value.IsKeyedMap:
                foreach (var (key, entry) in value.Members)
                {
                    xml.WriteStartElement("entry");
                    xml.WriteElementString("key", key);
                    xml.WriteStartElement("value");
                    WriteValue(xml, entry);
                    xml.WriteEndElement();
                    xml.WriteEndElement();
                }
                break;
            case WireKind.Map:
                WriteMembers(xml, value);
                break;
            case WireKind.List:
                foreach (var item in value.AsList())
                {
                    xml.WriteStartElement("member");
                    WriteValue(xml, item);
                    xml.WriteEndElement();
                }
                break;
            case WireKind.Timestamp:
                xml.WriteString(value.AsTimestamp().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                break;
            case WireKind.Number:
                xml.WriteString(value.IsInteger
                    ? value.AsInt64().ToString(CultureInfo.InvariantCulture)
                    : value.AsDouble().ToString("R", CultureInfo.InvariantCulture));
                break;
            case WireKind.Blob:
                xml.WriteString(Convert.ToBase64String(value.AsBlob()));
                break;
            case WireKind.Null:
                break;
            default:
                xml.WriteString(value.AsString());
                break;
        }
    }

    private sealed class Node
    {
        public string? Value { get; set; }

        public Dictionary<string, Node>? Children { get; set; }

        public WireValue ToWire()
        {
            if (Children is null)
            {
                return WireValue.Of(Value ?? "");
            }
            if (Children.Count == 1 && Children.TryGetValue("member", out var list) && list.Children is not null)
            {
                return WireValue.List(Indexed(list).Select(n => n.ToWire()));
            }
            if (Children.Count == 1 && Children.TryGetValue("entry", out var entries) && entries.Children is not null)
            {
                return WireValue.KeyedMap(Indexed(entries).Select(e => KeyValuePair.Create(
                    e.Children?.GetValueOrDefault("key")?.Value ?? "",
                    e.Children?.GetValueOrDefault("value")?.ToWire() ?? WireValue.Null)));
            }
            return WireValue.Map(Children.Select(c => KeyValuePair.Create(c.Key, c.Value.ToWire())));
        }

        /// <summary>The children of a <c>member</c>/<c>entry</c> node in index order; non-numeric indexes are malformed.</summary>
        private static IEnumerable<Node> Indexed(Node node) => node.Children!
            .Select(c => (Index: ParseIndex(c.Key), Node: c.Value))
            .OrderBy(c => c.Index)
            .Select(c => c.Node);

        private static int ParseIndex(string key) =>
            int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : throw new WireFormatException("a list index");
    }
}
