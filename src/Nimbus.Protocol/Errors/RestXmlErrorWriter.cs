using System.Security.Cryptography;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Http;
using Nimbus.Core;

namespace Nimbus.Protocol.Errors;

/// <summary>
/// rest-xml errors as S3 writes them: <c>&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;…extra members…&lt;RequestId/&gt;&lt;HostId/&gt;&lt;/Error&gt;</c>
/// with <c>x-amz-request-id</c> and <c>x-amz-id-2</c> headers. HEAD responses carry no body, so clients read
/// the status alone (S3 "Error responses").
/// </summary>
public sealed class RestXmlErrorWriter : IAwsErrorWriter
{
    public static RestXmlErrorWriter Instance { get; } = new();

    private static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(false), Indent = false, OmitXmlDeclaration = true };

    public async Task WriteAsync(AwsRequestContext request, AwsServiceException error)
    {
        var response = request.Http.Response;
        var hostId = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(request.RequestId)));
        response.StatusCode = error.StatusCode;
        response.Headers["x-amz-request-id"] = request.RequestId;
        response.Headers["x-amz-id-2"] = hostId;
        foreach (var (name, value) in error.Headers)
        {
            response.Headers[name] = value;
        }
        if (HttpMethods.IsHead(request.Http.Request.Method))
        {
            response.ContentLength = 0;
            return;
        }

        using var buffer = new MemoryStream();
        // S3 spells the declaration with upper-case UTF-8; XmlWriter would write the encoding's lower-case web name.
        buffer.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"u8);
        using (var xml = XmlWriter.Create(buffer, Settings))
        {
            xml.WriteStartElement("Error");
            xml.WriteElementString("Code", error.ErrorCode);
            xml.WriteElementString("Message", error.Message);
            foreach (var (name, value) in error.Fields)
            {
                xml.WriteElementString(name, value);
            }
            xml.WriteElementString("RequestId", request.RequestId);
            xml.WriteElementString("HostId", hostId);
            xml.WriteEndElement();
        }
        response.ContentType = "application/xml";
        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), request.Aborted);
    }
}
