using System.Collections.Concurrent;

namespace Nimbus.ApiGateway.Runtime;

/// <summary>
/// Deployments compiled for serving, built on first use and kept until their API changes (snapshots never change,
/// but deletes must drop them). Shared by HTTP and REST APIs, which compile different snapshots.
/// </summary>
internal sealed class CompiledDeployments<T> where T : class
{
    private readonly Func<string, string, T?> _compile;
    private readonly ConcurrentDictionary<(string ApiId, string DeploymentId), T> _compiled = new();

    /// <param name="compile">Builds the deployment of (API id, deployment id), or null when it does not exist.</param>
    public CompiledDeployments(Func<string, string, T?> compile) => _compile = compile;

    public T? Get(string apiId, string deploymentId)
    {
        if (_compiled.TryGetValue((apiId, deploymentId), out var compiled))
        {
            return compiled;
        }
        compiled = _compile(apiId, deploymentId);
        if (compiled is not null)
        {
            _compiled[(apiId, deploymentId)] = compiled;
        }
        return compiled;
    }

    public void Forget(string apiId)
    {
        foreach (var key in _compiled.Keys.Where(k => k.ApiId == apiId))
        {
            _compiled.TryRemove(key, out _);
        }
    }
}
