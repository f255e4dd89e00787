using System.Text.Json;
using Nimbus.Core;

namespace Nimbus.Protocol.Errors;

/// <summary>
/// awsJson 1.0/1.1 errors: <c>{"__type": "Code", "message": "…"}</c> with the shape's extra members.
/// </summary>
public sealed class JsonErrorWriter(string contentType) : IAwsErrorWriter
{
    public static JsonErrorWriter Instance { get; } = new("application/x-amz-json-1.1");

    /// <summary>For awsJson 1.0 services (DynamoDB).</summary>
    public static JsonErrorWriter Version10 { get; } = new("application/x-amz-json-1.0");

    public async Task WriteAsync(AwsRequestContext request, AwsServiceException error)
    {
        var response = request.Http.Response;
        response.StatusCode = error.StatusCode;
        response.ContentType = contentType;
        foreach (var (name, value) in error.Headers)
        {
            response.Headers[name] = value;
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("__type", error.ErrorCode);
            json.WriteString("message", error.Message);
            foreach (var (name, value) in error.Fields)
            {
                json.WriteString(name, value);
            }
            foreach (var (name, value) in error.JsonFields)
            {
                json.WritePropertyName(name);
                json.WriteRawValue(value);
            }
            json.WriteEndObject();
        }
        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), request.Aborted);
    }
}
