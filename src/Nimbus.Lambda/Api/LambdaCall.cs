using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Nimbus.Core;
using Nimbus.Lambda.Service;
using Nimbus.Protocol;
using Nimbus.Protocol.Rest;

namespace Nimbus.Lambda.Api;

/// <summary>One routed Lambda API request: the HTTP exchange, its URI labels, and the services it calls.</summary>
internal sealed class LambdaCall
{
    /// <summary>
    /// Control-plane body limit: a 50 MB zip in base64 JSON. AWS answers larger CreateFunction/UpdateFunctionCode
    /// requests with RequestEntityTooLargeException naming this number.
    /// </summary>
    public const long MaxControlBody = 70_167_211;

    public LambdaCall(AwsRequestContext request, Dictionary<string, string> labels, LambdaService service, string operation)
    {
        Request = request;
        Labels = labels;
        Service = service;
        Operation = operation;
    }

    public AwsRequestContext Request { get; }

    public Dictionary<string, string> Labels { get; }

    public LambdaService Service { get; }

    public string Operation { get; }

    public AwsScope Scope => Request.Scope;

    public string Label(string name) => Labels[name];

    public string? Query(string name)
    {
        var value = Request.Http.Request.Query[name];
        return value.Count == 0 ? null : value.ToString();
    }

    /// <summary>An integer query parameter (MaxItems), checked against the model's range.</summary>
    public int QueryInt(string name, string member, int defaultValue, int min, int max)
    {
        var raw = Query(name);
        if (raw is null)
        {
            return defaultValue;
        }
        if (!int.TryParse(raw, out var value))
        {
            throw LambdaErrors.InvalidParameter($"Invalid value for {name}: {raw}");
        }
        if (value < min || value > max)
        {
            throw LambdaErrors.Validation([LambdaErrors.Violation(raw, member,
                value < min ? $"have value greater than or equal to {min}" : $"have value less than or equal to {max}")]);
        }
        return value;
    }

    /// <summary>Reads the JSON body (an absent body is an empty object); malformed JSON is InvalidRequestContentException.</summary>
    public async Task<T> ReadJsonAsync<T>(JsonTypeInfo<T> type) where T : class, new()
    {
        var http = Request.Http.Request;
        if (http.ContentLength > MaxControlBody)
        {
            throw TooLarge();
        }
        var writer = new ArrayBufferWriter<byte>(http.ContentLength is long length and > 0 ? (int)length : 1024);
        while (true)
        {
            var memory = writer.GetMemory(64 * 1024);
            var read = await http.Body.ReadAsync(memory, Request.Aborted);
            if (read == 0)
            {
                break;
            }
            writer.Advance(read);
            if (writer.WrittenCount > MaxControlBody)
            {
                throw TooLarge();
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
            throw LambdaErrors.InvalidRequestContent("Could not parse request body into json: " + exception.Message);
        }
    }

    private AwsServiceException TooLarge() =>
        LambdaErrors.TooLarge($"Request must be smaller than {MaxControlBody} bytes for the {Operation} operation");

    public Task WriteJsonAsync<T>(int status, T value, JsonTypeInfo<T> type) =>
        RestJsonResponses.WriteJsonAsync(Request, status, value, type);

    public Task WriteEmptyAsync(int status) => RestJsonResponses.WriteEmptyAsync(Request, status);
}
