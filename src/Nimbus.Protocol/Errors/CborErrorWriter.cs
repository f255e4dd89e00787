using Nimbus.Core;
using Nimbus.Protocol.Documents;

namespace Nimbus.Protocol.Errors;

/// <summary>
/// smithy-rpc-v2-cbor errors: a CBOR map <c>{"__type": "Code", "message": "…"}</c> plus the shape's extra
/// members, with the <c>smithy-protocol: rpc-v2-cbor</c> header every response of the protocol carries.
/// Services that were query services first add <c>x-amzn-query-error: Code;Sender</c> through
/// <see cref="AwsServiceException.Headers"/>, from which clients take the code they report.
/// </summary>
public sealed class CborErrorWriter : IAwsErrorWriter
{
    public static CborErrorWriter Instance { get; } = new();

    public async Task WriteAsync(AwsRequestContext request, AwsServiceException error)
    {
        var response = request.Http.Response;
        response.StatusCode = error.StatusCode;
        response.ContentType = "application/cbor";
        response.Headers["smithy-protocol"] = "rpc-v2-cbor";
        foreach (var (name, value) in error.Headers)
        {
            response.Headers[name] = value;
        }
        var members = new List<KeyValuePair<string, WireValue>>
        {
            KeyValuePair.Create("__type", WireValue.Of(error.ErrorCode)),
            KeyValuePair.Create("message", WireValue.Of(error.Message)),
        };
        members.AddRange(error.Fields.Select(f => KeyValuePair.Create(f.Key, WireValue.Of(f.Value))));
        var body = CborDocument.Write(WireValue.Map(members));
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, request.Aborted);
    }
}
