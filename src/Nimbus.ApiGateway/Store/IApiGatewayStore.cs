using Nimbus.ApiGateway.Model;

namespace Nimbus.ApiGateway.Store;

/// <summary>
/// Where APIs live: one document per API plus the frozen snapshot of each deployment. A change and the
/// deployment it triggers (auto-deploy) are written in one transaction.
/// </summary>
internal interface IApiGatewayStore
{
    IReadOnlyList<ApiDocument> LoadApis();

    /// <summary>Saves the API document and, when given, new deployment snapshots, atomically.</summary>
    void Save(ApiDocument api, IReadOnlyList<(string DeploymentId, DeploymentSnapshot Snapshot)> newDeployments);

    void Delete(string apiId);

    void DeleteDeployment(string apiId, string deploymentId);

    DeploymentSnapshot? LoadDeployment(string apiId, string deploymentId);
}
