using System.IO.Compression;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Nimbus.Protocol.Documents;
using Nimbus.Protocol.Routing;

namespace Nimbus.Protocol.Rpc;

/// <summary>
/// Reads and answers RPC-style requests (operation name + one input document) in smithy-rpc-v2-cbor
/// (<c>POST /service/{Service}/operation/{Operation}</c>), awsJson (<c>X-Amz-Target: {Prefix}.{Operation}</c>) or
/// query (<c>Action={Operation}</c>), so a service writes each operation once against <see cref="WireValue"/>.
/// </summary>
public static class RpcExchange
{
    /// <summary>
    /// Reads the request. A body over <paramref name="maxBodyBytes"/> throws <paramref name="tooLarge"/>'s
    /// exception; a malformed body throws <see cref="WireFormatException"/>.
    /// </summary>
    public static async Task<RpcRequest> ReadAsync(AwsRequestContext request, AwsServiceDescriptor descriptor, int maxBodyBytes, Func<Exception> tooLarge)
    {
        var http = request.Http.Request;
        var protocol = AwsProtocolDetector.Detect(http, descriptor);
        switch (protocol)
        {
            case AwsProtocol.SmithyRpcV2Cbor:
                return new RpcRequest(protocol, CborOperation(http.Path.Value ?? ""), CborDocument.Read(await ReadBodyAsync(request, maxBodyBytes, tooLarge)));
            case AwsProtocol.Json:
                var target = http.Headers["X-Amz-Target"].ToString();
                var dot = target.LastIndexOf('.');
                return new RpcRequest(protocol, dot >= 0 ? target[(dot + 1)..] : "", JsonWireDocument.Read(await ReadBodyAsync(request, maxBodyBytes, tooLarge)));
            default:
                var parameters = new List<KeyValuePair<string, string>>();
                parameters.AddRange(http.Query.Select(q => KeyValuePair.Create(q.Key, q.Value.ToString())));
                if (http.HasFormContentType)
                {
                    // Read with the service's own size limit: ASP.NET's form defaults (1,024 values) are below what
                    // a 1,000-metric PutMetricData needs, and their failures are not AWS errors.
                    var body = await ReadBodyAsync(request, maxBodyBytes, tooLarge);
                    using var reader = new FormReader(new MemoryStream(body)) { ValueCountLimit = int.MaxValue, ValueLengthLimit = maxBodyBytes, KeyLengthLimit = maxBodyBytes };
                    var form = await reader.ReadFormAsync(request.Aborted);
                    parameters.AddRange(form.Select(f => KeyValuePair.Create(f.Key, f.Value.ToString())));
                }
                var action = parameters.LastOrDefault(p => p.Key == "Action").Value ?? "";
                return new RpcRequest(AwsProtocol.Query, action, QueryDocument.Read(parameters));
        }
    }

    /// <summary>Writes a successful response; <paramref name="output"/> null for operations without output.</summary>
    public static async Task WriteAsync(AwsRequestContext request, RpcRequest rpc, WireValue? output, string xmlNamespace)
    {
        var response = request.Http.Response;
        response.StatusCode = 200;
        byte[] body;
        switch (rpc.Protocol)
        {
            case AwsProtocol.SmithyRpcV2Cbor:
                response.Headers["smithy-protocol"] = "rpc-v2-cbor";
                response.ContentType = "application/cbor";
                body = CborDocument.Write(output ?? WireValue.Map());
                break;
            case AwsProtocol.Json:
                response.ContentType = "application/x-amz-json-1.0";
                body = JsonWireDocument.Write(output ?? WireValue.Map());
                break;
            default:
                response.ContentType = "text/xml";
                body = QueryDocument.WriteResponse(rpc.Operation, output, request.RequestId, xmlNamespace);
                break;
        }
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, request.Aborted);
    }

    /// <summary><c>/service/GraniteServiceVersion20100801/operation/PutMetricData</c> → <c>PutMetricData</c>.</summary>
    private static string CborOperation(string path)
    {
        var marker = path.LastIndexOf("/operation/", StringComparison.Ordinal);
        return marker >= 0 && path.StartsWith("/service/", StringComparison.Ordinal) ? path[(marker + "/operation/".Length)..] : "";
    }

    /// <summary>
    /// The body, inflated when <c>Content-Encoding: gzip</c> (botocore compresses PutMetricData bodies over 10 KB,
    /// the model's <c>requestcompression</c> trait). The limit applies to the inflated bytes, which also bounds a
    /// decompression bomb.
    /// </summary>
    private static async Task<byte[]> ReadBodyAsync(AwsRequestContext request, int maxBodyBytes, Func<Exception> tooLarge)
    {
        var http = request.Http.Request;
        var gzip = string.Equals(http.Headers.ContentEncoding.ToString(), "gzip", StringComparison.OrdinalIgnoreCase);
        if (!gzip && http.ContentLength > maxBodyBytes)
        {
            throw tooLarge();
        }
        await using var inflater = gzip ? new GZipStream(http.Body, CompressionMode.Decompress, leaveOpen: true) : null;
        var source = inflater ?? http.Body;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        try
        {
            while ((read = await source.ReadAsync(chunk, request.Aborted)) > 0)
            {
                if (buffer.Length + read > maxBodyBytes)
                {
                    throw tooLarge();
                }
                buffer.Write(chunk, 0, read);
            }
        }
        catch (InvalidDataException exception)
        {
            throw new WireFormatException("The request body is not valid gzip.", exception);
        }
        return buffer.ToArray();
    }
}
