using System.Text.Json;
using Nimbus.Core;

namespace Nimbus.Protocol.Errors;

/// <summary>
/// rest-json errors: the code in <c>x-amzn-ErrorType</c> and a JSON body with <c>message</c> plus the shape's
/// extra members (Lambda adds <c>Type</c>, and <c>Reason</c> on throttles). botocore reads the code from the header.
/// </summary>
public sealed class RestJsonErrorWriter : IAwsErrorWriter
{
    public static RestJsonErrorWriter Instance { get; } = new();

    public async Task WriteAsync(AwsRequestContext request, AwsServiceException error)
    {
        var response = request.Http.Response;
        response.StatusCode = error.StatusCode;
        response.Headers["x-amzn-ErrorType"] = error.ErrorCode;
        response.ContentType = "application/json";
        foreach (var (name, value) in error.Headers)
        {
            response.Headers[name] = value;
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (name, value) in error.Fields)
            {
                json.WriteString(name, value);
            }
            json.WriteString("message", error.Message);
            json.WriteEndObject();
        }
        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), request.Aborted);
    }
}
