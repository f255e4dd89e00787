using Nimbus.ApiGateway.RestApis.Model;
using Nimbus.Core;

namespace Nimbus.ApiGateway.RestApis.Service;

internal sealed partial class RestApiService
{
    /// <summary>
    /// Freezes the API as it is now. With <c>stageName</c>, the stage is created (with <c>variables</c>) or pointed at the
    /// new deployment. An API without methods, or with a method without integration, cannot be deployed.
    /// </summary>
    public RestDeployment CreateDeployment(AwsScope scope, string apiId, CreateDeploymentInput input)
    {
        if (input.StageName is not null)
        {
            CheckStageName(input.StageName);
        }
        return Mutate(scope, apiId, (doc, freeze) =>
        {
            var methods = doc.Resources.Values.SelectMany(r => r.ResourceMethods?.Values ?? Enumerable.Empty<RestMethod>()).ToList();
            if (methods.Count == 0)
            {
                throw RestErrors.BadRequest("The REST API doesn't contain any methods");
            }
            if (methods.Any(m => m.MethodIntegration is null))
            {
                throw RestErrors.BadRequest("No integration defined for method");
            }
            var deployment = new RestDeployment { Id = freeze(doc), Description = input.Description, CreatedDate = Now() };
            doc.Deployments[deployment.Id] = deployment;
            if (input.StageName is { } stageName)
            {
                if (doc.Stages.TryGetValue(stageName, out var stage))
                {
                    stage.DeploymentId = deployment.Id;
                    stage.LastUpdatedDate = Now();
                    if (input.Variables is not null)
                    {
                        stage.Variables = input.Variables;
                    }
                }
                else
                {
                    doc.Stages[stageName] = NewStage(new RestStage
                    {
                        StageName = stageName,
                        DeploymentId = deployment.Id,
                        Description = input.StageDescription,
                        Variables = input.Variables,
                        TracingEnabled = input.TracingEnabled,
                        CacheClusterEnabled = input.CacheClusterEnabled,
                        CacheClusterSize = input.CacheClusterSize,
                    });
                }
            }
            return deployment;
        });
    }

    public RestDeployment GetDeployment(AwsScope scope, string apiId, string deploymentId, bool withSummary)
    {
        var deployment = Find(scope, apiId).Deployments.GetValueOrDefault(deploymentId) ?? throw RestErrors.DeploymentNotFound();
        if (!withSummary || Snapshot(apiId, deploymentId) is not { } snapshot)
        {
            return deployment;
        }
        var summary = snapshot.Resources.Where(r => r.ResourceMethods is { Count: > 0 }).ToDictionary(r => r.Path!,
            r => r.ResourceMethods!.ToDictionary(m => m.Key, m => new MethodSnapshot { AuthorizationType = m.Value.AuthorizationType, ApiKeyRequired = m.Value.ApiKeyRequired ?? false }));
        return new RestDeployment { Id = deployment.Id, Description = deployment.Description, CreatedDate = deployment.CreatedDate, ApiSummary = summary };
    }

    public IReadOnlyList<RestDeployment> GetDeployments(AwsScope scope, string apiId) =>
        [.. Find(scope, apiId).Deployments.Values.OrderBy(d => d.CreatedDate).ThenBy(d => d.Id, StringComparer.Ordinal)];

    public RestDeployment UpdateDeployment(AwsScope scope, string apiId, string deploymentId, List<PatchOperation>? operations) =>
        Mutate(scope, apiId, doc =>
        {
            var deployment = doc.Deployments.GetValueOrDefault(deploymentId) ?? throw RestErrors.DeploymentNotFound();
            Patches.Apply(operations, (op, path) =>
            {
                if (path is not ["description"])
                {
                    throw Patches.InvalidPath(op);
                }
                Patches.RequireSet(op, removable: true);
                deployment.Description = Patches.OptionalText(op);
            });
            return deployment;
        });

    public void DeleteDeployment(AwsScope scope, string apiId, string deploymentId)
    {
        Mutate(scope, apiId, doc =>
        {
            if (!doc.Deployments.ContainsKey(deploymentId))
            {
                throw RestErrors.DeploymentNotFound();
            }
            if (doc.Stages.Values.Any(s => s.DeploymentId == deploymentId))
            {
                throw RestErrors.BadRequest("Active stages pointing to this deployment must be moved or deleted");
            }
            return doc.Deployments.Remove(deploymentId);
        });
        _store.DeleteSnapshot(apiId, deploymentId);
        _snapshots.TryRemove((apiId, deploymentId), out _);
    }
}
