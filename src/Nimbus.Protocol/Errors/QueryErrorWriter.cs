using System.Text;
using System.Xml;
using Nimbus.Core;

namespace Nimbus.Protocol.Errors;

/// <summary>
/// query-protocol errors:
/// <c>&lt;ErrorResponse&gt;&lt;Error&gt;&lt;Type&gt;Sender&lt;/Type&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;RequestId/&gt;&lt;/ErrorResponse&gt;</c>.
/// A service that also speaks JSON/CBOR names its errors by shape there and keeps the query code in
/// <c>x-amzn-query-error</c> (awsQueryCompatible); the query code is the one written here.
/// </summary>
public sealed class QueryErrorWriter : IAwsErrorWriter
{
    public const string QueryErrorHeader = "x-amzn-query-error";

    public static QueryErrorWriter Instance { get; } = new();

    private static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(false), Indent = false, OmitXmlDeclaration = true };

    public async Task WriteAsync(AwsRequestContext request, AwsServiceException error)
    {
        var response = request.Http.Response;
        response.StatusCode = error.StatusCode;
        response.ContentType = "text/xml";
        foreach (var (name, value) in error.Headers)
        {
            response.Headers[name] = value;
        }
        var code = error.Headers.TryGetValue(QueryErrorHeader, out var queryError) && queryError.Split(';')[0] is { Length: > 0 } queryCode
            ? queryCode
            : error.ErrorCode;

        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, Settings))
        {
            xml.WriteStartElement("ErrorResponse");
            xml.WriteStartElement("Error");
            xml.WriteElementString("Type", error.IsSenderFault ? "Sender" : "Receiver");
            xml.WriteElementString("Code", code);
            xml.WriteElementString("Message", error.Message);
            foreach (var (name, value) in error.Fields)
            {
                xml.WriteElementString(name, value);
            }
            xml.WriteEndElement();
            xml.WriteElementString("RequestId", request.RequestId);
            xml.WriteEndElement();
        }
        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), request.Aborted);
    }
}
