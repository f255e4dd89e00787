using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Http;

namespace Nimbus.S3.Api;

/// <summary>Writes S3's XML documents (namespace <c>http://s3.amazonaws.com/doc/2006-03-01/</c>).</summary>
internal static class S3Xml
{
    public const string Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";

    private static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(false), Indent = false, OmitXmlDeclaration = true, Async = true };

    public static async Task WriteAsync(HttpContext http, string root, Action<XmlWriter> body, int status = 200)
    {
        using var buffer = new MemoryStream();
        // S3 spells the declaration with upper-case UTF-8; XmlWriter would write the encoding's lower-case web name.
        buffer.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"u8);
        using (var xml = XmlWriter.Create(buffer, Settings))
        {
            xml.WriteStartElement(root, Namespace);
            body(xml);
            xml.WriteEndElement();
        }
        var response = http.Response;
        response.StatusCode = status;
        response.ContentType = "application/xml";
        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), http.RequestAborted);
    }

    /// <summary>ISO 8601 with milliseconds, as S3 writes timestamps in XML.</summary>
    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>RFC 1123, as S3 writes <c>Last-Modified</c>.</summary>
    public static string HttpDate(DateTimeOffset time) => time.UtcDateTime.ToString("R", CultureInfo.InvariantCulture);

    public static void Element(XmlWriter xml, string name, string? value)
    {
        if (value is not null)
        {
            xml.WriteElementString(name, Namespace, value);
        }
    }
}
