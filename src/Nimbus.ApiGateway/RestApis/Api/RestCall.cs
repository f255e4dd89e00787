using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using Nimbus.ApiGateway.Api;
using Nimbus.ApiGateway.RestApis.Model;
using Nimbus.ApiGateway.RestApis.Service;
using Nimbus.Core;

namespace Nimbus.ApiGateway.RestApis.Api;

/// <summary>One routed <c>apigateway</c> (REST API) request: the shared control-plane call plus the REST services.</summary>
internal sealed class RestCall
{
    private const int DefaultLimit = 25;

    public RestCall(ControlCall call, RestApiService apis, UsagePlanService plans)
    {
        Call = call;
        Apis = apis;
        Plans = plans;
    }

    public ControlCall Call { get; }

    public RestApiService Apis { get; }

    public UsagePlanService Plans { get; }

    public AwsScope Scope => Call.Scope;

    public string ApiId => Call.Label("restapi_id");

    public string ResourceId => Call.Label("resource_id");

    public string HttpMethod => Call.Label("http_method");

    public string StatusCode => Call.Label("status_code");

    public string Label(string name) => Call.Label(name);

    public string? Query(string name) => Call.Query(name);

    public bool QueryFlag(string name) => string.Equals(Query(name), "true", StringComparison.OrdinalIgnoreCase);

    public Task<T> ReadJsonAsync<T>(JsonTypeInfo<T> type) where T : class, new() => Call.ReadJsonAsync(type);

    public async Task<List<PatchOperation>?> ReadPatchAsync() => (await Call.ReadJsonAsync(RestJsonContext.Default.PatchInput)).PatchOperations;

    public Task WriteJsonAsync<T>(int status, T value, JsonTypeInfo<T> type) => Call.WriteJsonAsync(status, value, type);

    public Task WriteEmptyAsync(int status) => Call.WriteEmptyAsync(status);

    /// <summary>A page of a GetX list: <c>limit</c> (1–500, default 25) items from the opaque <c>position</c>.</summary>
    public Task WritePageAsync<T>(IReadOnlyList<T> items, JsonTypeInfo<RestPage<T>> type)
    {
        var start = 0;
        if (Query("position") is { } position && (!int.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out start) || start > items.Count))
        {
            throw RestErrors.BadRequest("Invalid position parameter");
        }
        var size = DefaultLimit;
        if (Query("limit") is { } limit && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > 500))
        {
            throw RestErrors.BadRequest("1 validation error detected: Value for 'limit' must be between 1 and 500");
        }
        var page = new RestPage<T> { Items = [.. items.Skip(start).Take(size)] };
        if (start + size < items.Count)
        {
            page.Position = (start + size).ToString(CultureInfo.InvariantCulture);
        }
        return WriteJsonAsync(200, page, type);
    }
}
