using Nimbus.ApiGateway.RestApis.Model;

namespace Nimbus.ApiGateway.RestApis.Store;

/// <summary>
/// Where REST APIs, API keys, usage plans and quota counts live. An API is one document; a deployment's frozen
/// snapshot is written in the same transaction as the document that names it.
/// </summary>
internal interface IRestApiStore
{
    IReadOnlyList<RestApiDocument> LoadApis();

    void SaveApi(RestApiDocument api, string? newDeploymentId, RestSnapshot? snapshot);

    void DeleteApi(string apiId);

    RestSnapshot? LoadSnapshot(string apiId, string deploymentId);

    void DeleteSnapshot(string apiId, string deploymentId);

    IReadOnlyList<ApiKeyDocument> LoadApiKeys();

    void SaveApiKey(ApiKeyDocument key);

    void DeleteApiKey(string keyId);

    IReadOnlyList<UsagePlanDocument> LoadUsagePlans();

    void SaveUsagePlan(UsagePlanDocument plan);

    void DeleteUsagePlan(string planId);

    /// <summary>Requests counted per usage plan, key and UTC day (<c>yyyy-MM-dd</c>).</summary>
    IReadOnlyList<(string PlanId, string KeyId, string Day, long Used)> LoadUsage();

    /// <summary>Adds counts (one transaction for the batch).</summary>
    void AddUsage(IReadOnlyList<(string PlanId, string KeyId, string Day, long Used)> counts);
}
