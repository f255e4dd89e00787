using Nimbus.ApiGateway.RestApis.Service;
using Nimbus.ApiGateway.Runtime;

namespace Nimbus.ApiGateway.RestApis.Runtime;

/// <summary>Compiled REST API deployments, built on first use and dropped when the API changes or is deleted.</summary>
internal sealed class ServedRestApis
{
    private readonly CompiledDeployments<CompiledRestDeployment> _compiled;

    public ServedRestApis(RestApiService service)
    {
        _compiled = new((apiId, deploymentId) => service.Snapshot(apiId, deploymentId) is { } snapshot ? new CompiledRestDeployment(snapshot) : null);
        service.Changed += _compiled.Forget;
    }

    public CompiledRestDeployment? Deployment(string apiId, string deploymentId) => _compiled.Get(apiId, deploymentId);
}
