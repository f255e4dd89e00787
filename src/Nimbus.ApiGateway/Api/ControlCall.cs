using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Nimbus.ApiGateway.Service;
using Nimbus.Core;
using Nimbus.Protocol;
using Nimbus.Protocol.Rest;

namespace Nimbus.ApiGateway.Api;

/// <summary>One routed control-plane request: the HTTP exchange, its URI labels and the service.</summary>
internal sealed class ControlCall
{
    /// <summary>API Gateway's control-plane request limit (ImportApi bodies are the largest: 6 MB).</summary>
    private const int MaxBody = 6 * 1024 * 1024;

    public ControlCall(AwsRequestContext request, Dictionary<string, string> labels, HttpApiService service)
    {
        Request = request;
        Labels = labels;
        Service = service;
    }

    public AwsRequestContext Request { get; }

    public Dictionary<string, string> Labels { get; }

    public HttpApiService Service { get; }

    public AwsScope Scope => Request.Scope;

    public string ApiId => Labels["apiId"];

    public string Label(string name) => Labels[name];

    public string? Query(string name)
    {
        var value = Request.Http.Request.Query[name];
        return value.Count == 0 ? null : value.ToString();
    }

    /// <summary>The JSON body (absent = empty object); malformed JSON is a BadRequestException, as API Gateway answers.</summary>
    public async Task<T> ReadJsonAsync<T>(JsonTypeInfo<T> type) where T : class, new()
    {
        var body = Request.Http.Request.Body;
        var writer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            var read = await body.ReadAsync(writer.GetMemory(16 * 1024), Request.Aborted);
            if (read == 0)
            {
                break;
            }
            writer.Advance(read);
            if (writer.WrittenCount > MaxBody)
            {
                throw ApiGatewayErrors.BadRequest("Request body is too large");
            }
        }
        if (writer.WrittenCount == 0)
        {
            return new T();
        }
        try
        {
            return JsonSerializer.Deserialize(writer.WrittenSpan, type) ?? new T();
        }
        catch (JsonException exception)
        {
            throw ApiGatewayErrors.BadRequest("Invalid request body: " + exception.Message);
        }
    }

    public Task WriteJsonAsync<T>(int status, T value, JsonTypeInfo<T> type) =>
        RestJsonResponses.WriteJsonAsync(Request, status, value, type);

    public Task WriteEmptyAsync(int status) => RestJsonResponses.WriteEmptyAsync(Request, status);

    /// <summary>A page of a list: <c>maxResults</c> (a string in the model) and an opaque offset token.</summary>
    public Task WritePageAsync<T>(IReadOnlyList<T> items, JsonTypeInfo<Page<T>> type)
    {
        var start = 0;
        if (Query("nextToken") is { } token && (!int.TryParse(token, out start) || start < 0 || start > items.Count))
        {
            throw ApiGatewayErrors.BadRequest("Invalid nextToken");
        }
        var size = items.Count;
        if (Query("maxResults") is { } max && (!int.TryParse(max, out size) || size < 1 || size > 500))
        {
            throw ApiGatewayErrors.BadRequest("maxResults must be a number between 1 and 500");
        }
        var page = new Page<T> { Items = [.. items.Skip(start).Take(size)] };
        if (start + size < items.Count)
        {
            page.NextToken = (start + size).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return WriteJsonAsync(200, page, type);
    }
}
