using System.Text.Json;
using Nimbus.EventBridge.Service;
using Nimbus.Protocol;

namespace Nimbus.EventBridge.Api;

/// <summary>Reads a bounded JSON request body; an empty body is an empty structure.</summary>
internal static class RequestBody
{
    public static async Task<byte[]> ReadAsync(AwsRequestContext request, int maxBytes)
    {
        var http = request.Http.Request;
        if (http.ContentLength > maxBytes)
        {
            throw EventsErrors.Validation($"The request body is larger than {maxBytes} bytes.");
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Body.ReadAsync(chunk, request.Aborted)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw EventsErrors.Validation($"The request body is larger than {maxBytes} bytes.");
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    public static JsonDocument Parse(byte[] body)
    {
        if (body.Length == 0)
        {
            return JsonDocument.Parse("{}");
        }
        try
        {
            var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw EventsErrors.Serialization("The request body must be a JSON object.");
            }
            return document;
        }
        catch (JsonException)
        {
            throw EventsErrors.Serialization("Could not read the request: the body is not valid JSON.");
        }
    }
}
