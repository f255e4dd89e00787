using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Nimbus.Protocol.Rest;

/// <summary>
/// The two response shapes every rest-json control plane writes (Lambda, API Gateway, …): a JSON document with a
/// status, or an empty body. Serialized once to bytes so <c>Content-Length</c> is exact, as AWS sends it.
/// </summary>
public static class RestJsonResponses
{
    public static async Task WriteJsonAsync<T>(AwsRequestContext request, int status, T value, JsonTypeInfo<T> type)
    {
        var response = request.Http.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, type);
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, request.Aborted);
    }

    public static Task WriteEmptyAsync(AwsRequestContext request, int status)
    {
        request.Http.Response.StatusCode = status;
        request.Http.Response.ContentLength = 0;
        return Task.CompletedTask;
    }
}
