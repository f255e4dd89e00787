using System.Collections.Concurrent;
using System.Text.Json;
using Nimbus.ApiGateway.Model;
using Nimbus.ApiGateway.Store;
using Nimbus.Core;

namespace Nimbus.ApiGateway.Service;

/// <summary>
/// The <c>apigatewayv2</c> control plane: APIs, routes, integrations, stages, deployments and authorizers.
/// Every change clones the API's document, applies itself, redeploys auto-deploy stages, persists (one
/// transaction) and only then becomes visible, so a failed write changes nothing. Reads are lock-free.
/// </summary>
internal sealed partial class HttpApiService
{
    private readonly IApiGatewayStore _store;
    private readonly TimeProvider _time;
    private readonly EdgeEndpoint _edge;
    private readonly ConcurrentDictionary<string, ApiDocument> _apis = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string ApiId, string DeploymentId), DeploymentSnapshot> _snapshots = new();
    private readonly Lock _gate = new();

    public HttpApiService(IApiGatewayStore store, TimeProvider time, EdgeEndpoint edge)
    {
        _store = store;
        _time = time;
        _edge = edge;
        foreach (var api in store.LoadApis())
        {
            _apis[api.Api.ApiId!] = api;
        }
    }

    /// <summary>Raised after a change to an API is durable (the data plane drops what it compiled).</summary>
    public event Action<string>? Changed;

    /// <summary>The API as the data plane sees it (any account: the execute-api host names only the id).</summary>
    public ApiDocument? FindForDataPlane(string apiId) => _apis.GetValueOrDefault(apiId);

    public DeploymentSnapshot? Snapshot(string apiId, string deploymentId)
    {
        if (_snapshots.TryGetValue((apiId, deploymentId), out var cached))
        {
            return cached;
        }
        var loaded = _store.LoadDeployment(apiId, deploymentId);
        if (loaded is not null)
        {
            _snapshots[(apiId, deploymentId)] = loaded;
        }
        return loaded;
    }

    private ApiDocument Find(AwsScope scope, string apiId)
    {
        if (_apis.TryGetValue(apiId, out var api) && api.AccountId == scope.AccountId && api.Region == scope.Region)
        {
            return api;
        }
        throw ApiGatewayErrors.ApiNotFound(scope, apiId);
    }

    private T Mutate<T>(AwsScope scope, string apiId, Func<ApiDocument, List<(string, DeploymentSnapshot)>, T> change, bool redeploy)
    {
        T result;
        lock (_gate)
        {
            var copy = Clone(Find(scope, apiId));
            var deployments = new List<(string, DeploymentSnapshot)>();
            result = change(copy, deployments);
            if (redeploy)
            {
                AutoDeploy(copy, deployments);
            }
            _store.Save(copy, deployments);
            foreach (var (id, snapshot) in deployments)
            {
                _snapshots[(apiId, id)] = snapshot;
            }
            _apis[apiId] = copy;
        }
        Changed?.Invoke(apiId);
        return result;
    }

    /// <summary>Stages with AutoDeploy get a new deployment whenever routes, integrations or authorizers change.</summary>
    private void AutoDeploy(ApiDocument api, List<(string, DeploymentSnapshot)> deployments)
    {
        var stages = api.Stages.Values.Where(s => s.AutoDeploy == true).ToList();
        if (stages.Count == 0)
        {
            return;
        }
        var deployment = NewDeployment(api, deployments, "Automatic deployment triggered by changes to the Api configuration", autoDeployed: true);
        foreach (var stage in stages)
        {
            Point(stage, deployment.DeploymentId!);
        }
    }

    private ApiDeployment NewDeployment(ApiDocument api, List<(string, DeploymentSnapshot)> deployments, string? description, bool autoDeployed)
    {
        var deployment = new ApiDeployment
        {
            DeploymentId = ApiIds.Deployment(),
            AutoDeployed = autoDeployed,
            CreatedDate = Now(),
            DeploymentStatus = "DEPLOYED",
            Description = description,
        };
        api.Deployments[deployment.DeploymentId] = deployment;
        deployments.Add((deployment.DeploymentId, Freeze(api)));
        return deployment;
    }

    private void Point(ApiStage stage, string deploymentId)
    {
        stage.DeploymentId = deploymentId;
        stage.LastUpdatedDate = Now();
        stage.LastDeploymentStatusMessage = $"Successfully deployed stage with deployment ID '{deploymentId}'";
    }

    private static DeploymentSnapshot Freeze(ApiDocument api)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new DeploymentSnapshot
        {
            Routes = [.. api.Routes.Values],
            Integrations = [.. api.Integrations.Values],
            Authorizers = [.. api.Authorizers.Values],
            TwoWayRouteIds = [.. api.RouteResponses.Where(r => r.Value.Count > 0).Select(r => r.Key)],
        }, ApiGatewayStoreJsonContext.Default.DeploymentSnapshot);
        return JsonSerializer.Deserialize(json, ApiGatewayStoreJsonContext.Default.DeploymentSnapshot)!;
    }

    private static ApiDocument Clone(ApiDocument api) =>
        JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(api, ApiGatewayStoreJsonContext.Default.ApiDocument),
            ApiGatewayStoreJsonContext.Default.ApiDocument)!;

    private DateTimeOffset Now()
    {
        // AWS reports whole seconds.
        var now = _time.GetUtcNow();
        return new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }

    private static T Required<T>(Dictionary<string, T> items, string id, AwsScope scope, string apiId, string kind)
    {
        if (items.TryGetValue(id, out var item))
        {
            return item;
        }
        throw ApiGatewayErrors.NotFound($"Invalid {kind} identifier specified {scope.AccountId}:{apiId}:{id}", kind);
    }
}
