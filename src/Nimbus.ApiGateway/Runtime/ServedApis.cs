using System.Collections.Concurrent;
using Nimbus.ApiGateway.Service;

namespace Nimbus.ApiGateway.Runtime;

/// <summary>Compiled deployments, built on first use and kept until the API changes (snapshots never change, but deletes must drop them).</summary>
internal sealed class ServedApis
{
    private readonly HttpApiService _service;
    private readonly ConcurrentDictionary<(string ApiId, string DeploymentId), CompiledDeployment> _compiled = new();

    public ServedApis(HttpApiService service)
    {
        _service = service;
        service.Changed += apiId =>
        {
            foreach (var key in _compiled.Keys.Where(k => k.ApiId == apiId))
            {
                _compiled.TryRemove(key, out _);
            }
        };
    }

    public CompiledDeployment? Deployment(string apiId, string deploymentId)
    {
        if (_compiled.TryGetValue((apiId, deploymentId), out var compiled))
        {
            return compiled;
        }
        var snapshot = _service.Snapshot(apiId, deploymentId);
        if (snapshot is null)
        {
            return null;
        }
        compiled = new CompiledDeployment(snapshot);
        _compiled[(apiId, deploymentId)] = compiled;
        return compiled;
    }
}
