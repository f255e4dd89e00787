using System.Collections.Concurrent;
using System.Text.Json;
using Nimbus.ApiGateway.RestApis.Api;
using Nimbus.ApiGateway.RestApis.Model;
using Nimbus.ApiGateway.RestApis.Store;
using Nimbus.Core;

namespace Nimbus.ApiGateway.RestApis.Service;

/// <summary>
/// The <c>apigateway</c> control plane for REST APIs: the API, its resource tree with methods, integrations and
/// responses, authorizers, deployments (frozen snapshots) and stages. Every change works on a copy of the API's
/// document, is persisted in one transaction and only then becomes visible; reads are lock-free.
/// </summary>
internal sealed partial class RestApiService
{
    private readonly IRestApiStore _store;
    private readonly TimeProvider _time;
    private readonly EdgeEndpoint _edge;
    private readonly ConcurrentDictionary<string, RestApiDocument> _apis = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string ApiId, string DeploymentId), RestSnapshot> _snapshots = new();
    private readonly Lock _gate = new();

    public RestApiService(IRestApiStore store, TimeProvider time, EdgeEndpoint edge)
    {
        _store = store;
        _time = time;
        _edge = edge;
        foreach (var api in store.LoadApis())
        {
            _apis[api.Api.Id!] = api;
        }
    }

    /// <summary>Raised after a change to an API is durable (the data plane drops what it compiled).</summary>
    public event Action<string>? Changed;

    /// <summary>Raised by FlushStageAuthorizersCache.</summary>
    public event Action<string>? AuthorizerCacheFlushed;

    /// <summary>The API as the data plane sees it (any account: the execute-api host names only the id).</summary>
    public RestApiDocument? FindForDataPlane(string apiId) => _apis.GetValueOrDefault(apiId);

    public bool Exists(AwsScope scope, string apiId) =>
        _apis.TryGetValue(apiId, out var api) && api.AccountId == scope.AccountId && api.Region == scope.Region;

    public RestSnapshot? Snapshot(string apiId, string deploymentId)
    {
        if (_snapshots.TryGetValue((apiId, deploymentId), out var cached))
        {
            return cached;
        }
        var loaded = _store.LoadSnapshot(apiId, deploymentId);
        if (loaded is not null)
        {
            _snapshots[(apiId, deploymentId)] = loaded;
        }
        return loaded;
    }

    /// <summary>The <c>http://{id}.execute-api.localhost:{port}</c> base of an API's invoke URLs.</summary>
    public string InvokeBase(string apiId) =>
        "http://" + apiId + ".execute-api.localhost:" + (Uri.TryCreate(_edge.Url, UriKind.Absolute, out var edge) ? edge.Port : 4566);

    /// <summary>The API document of a child operation (resources, stages, …): a missing API is "Invalid REST API identifier specified".</summary>
    private RestApiDocument Find(AwsScope scope, string apiId) =>
        Exists(scope, apiId) ? _apis[apiId] : throw RestErrors.RestApiNotFound();

    private T Mutate<T>(AwsScope scope, string apiId, Func<RestApiDocument, T> change) => Mutate(scope, apiId, (doc, _) => change(doc));

    /// <summary>
    /// Applies a change to a copy of the API and persists it. The change may freeze a new deployment through the
    /// callback it gets (the snapshot is written in the same transaction as the document naming it).
    /// </summary>
    private T Mutate<T>(AwsScope scope, string apiId, Func<RestApiDocument, Func<RestApiDocument, string>, T> change)
    {
        T result;
        lock (_gate)
        {
            var copy = Clone(Find(scope, apiId));
            string? deploymentId = null;
            RestSnapshot? snapshot = null;
            result = change(copy, doc =>
            {
                deploymentId = RestIds.New(6);
                snapshot = Freeze(doc);
                return deploymentId;
            });
            _store.SaveApi(copy, deploymentId, snapshot);
            if (deploymentId is not null)
            {
                _snapshots[(apiId, deploymentId)] = snapshot!;
            }
            _apis[apiId] = copy;
        }
        Changed?.Invoke(apiId);
        return result;
    }

    private static RestSnapshot Freeze(RestApiDocument api) => Copy(new RestSnapshot
    {
        Resources = [.. api.Resources.Values],
        Authorizers = [.. api.Authorizers.Values],
    }, RestJsonContext.Default.RestSnapshot);

    private static RestApiDocument Clone(RestApiDocument api) => Copy(api, RestJsonContext.Default.RestApiDocument);

    private static T Copy<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(value, type), type)!;

    /// <summary>AWS reports whole seconds.</summary>
    private DateTimeOffset Now()
    {
        var now = _time.GetUtcNow();
        return new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }
}
