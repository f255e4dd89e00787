using Nimbus.ApiGateway.Service;

namespace Nimbus.ApiGateway.Runtime;

/// <summary>Compiled deployments, built on first use and kept until the API changes (snapshots never change, but deletes must drop them).</summary>
internal sealed class ServedApis
{
    private readonly CompiledDeployments<CompiledDeployment> _compiled;

    public ServedApis(HttpApiService service)
    {
        _compiled = new((apiId, deploymentId) => service.Snapshot(apiId, deploymentId) is { } snapshot ? new CompiledDeployment(snapshot) : null);
        service.Changed += _compiled.Forget;
    }

    public CompiledDeployment? Deployment(string apiId, string deploymentId) => _compiled.Get(apiId, deploymentId);
}
