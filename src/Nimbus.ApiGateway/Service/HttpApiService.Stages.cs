using Nimbus.ApiGateway.Model;
using Nimbus.Core;

namespace Nimbus.ApiGateway.Service;

internal sealed partial class HttpApiService
{
    public ApiStage CreateStage(AwsScope scope, string apiId, ApiStage input)
    {
        Validation.RequireField(input.StageName, "StageName");
        Validation.Stage(input.StageName!);
        return Mutate(scope, apiId, (doc, deployments) =>
        {
            if (doc.Stages.ContainsKey(input.StageName!))
            {
                throw ApiGatewayErrors.Conflict($"Stage {input.StageName} already exists");
            }
            if (input.DeploymentId is not null)
            {
                Required(doc.Deployments, input.DeploymentId, scope, apiId, "Deployment");
            }
            CheckThrottling(input.DefaultRouteSettings);
            foreach (var settings in input.RouteSettings?.Values ?? Enumerable.Empty<RouteSettings>())
            {
                CheckThrottling(settings);
            }
            var now = Now();
            var stage = new ApiStage
            {
                AccessLogSettings = input.AccessLogSettings,
                AutoDeploy = input.AutoDeploy ?? false,
                ClientCertificateId = input.ClientCertificateId,
                CreatedDate = now,
                DefaultRouteSettings = input.DefaultRouteSettings ?? new RouteSettings { DetailedMetricsEnabled = false },
                DeploymentId = input.DeploymentId,
                Description = input.Description,
                LastUpdatedDate = now,
                RouteSettings = input.RouteSettings ?? [],
                StageName = input.StageName,
                StageVariables = input.StageVariables ?? [],
                Tags = input.Tags ?? [],
            };
            doc.Stages[stage.StageName!] = stage;
            if (stage.AutoDeploy == true && (doc.Routes.Count > 0 || doc.Integrations.Count > 0))
            {
                // An auto-deploy stage serves the current configuration from the moment it exists.
                var deployment = NewDeployment(doc, deployments, "Automatic deployment triggered by changes to the Api configuration", autoDeployed: true);
                Point(stage, deployment.DeploymentId!);
            }
            return stage;
        }, redeploy: false);
    }

    public ApiStage GetStage(AwsScope scope, string apiId, string stageName) =>
        Required(Find(scope, apiId).Stages, stageName, scope, apiId, "Stage");

    public IReadOnlyList<ApiStage> GetStages(AwsScope scope, string apiId) =>
        [.. Find(scope, apiId).Stages.Values.OrderBy(s => s.StageName, StringComparer.Ordinal)];

    public ApiStage UpdateStage(AwsScope scope, string apiId, string stageName, ApiStage input) =>
        Mutate(scope, apiId, (doc, deployments) =>
        {
            var stage = Required(doc.Stages, stageName, scope, apiId, "Stage");
            if (input.DeploymentId is not null)
            {
                Required(doc.Deployments, input.DeploymentId, scope, apiId, "Deployment");
                Point(stage, input.DeploymentId);
            }
            CheckThrottling(input.DefaultRouteSettings);
            foreach (var settings in input.RouteSettings?.Values ?? Enumerable.Empty<RouteSettings>())
            {
                CheckThrottling(settings);
            }
            stage.AccessLogSettings = input.AccessLogSettings ?? stage.AccessLogSettings;
            stage.Description = input.Description ?? stage.Description;
            stage.DefaultRouteSettings = input.DefaultRouteSettings ?? stage.DefaultRouteSettings;
            if (input.RouteSettings is not null)
            {
                stage.RouteSettings ??= [];
                foreach (var (key, settings) in input.RouteSettings)
                {
                    stage.RouteSettings[key] = settings;
                }
            }
            if (input.StageVariables is not null)
            {
                stage.StageVariables = input.StageVariables;
            }
            var turnedOn = input.AutoDeploy == true && stage.AutoDeploy != true;
            stage.AutoDeploy = input.AutoDeploy ?? stage.AutoDeploy;
            stage.LastUpdatedDate = Now();
            if (turnedOn)
            {
                var deployment = NewDeployment(doc, deployments, "Automatic deployment triggered by changes to the Api configuration", autoDeployed: true);
                Point(stage, deployment.DeploymentId!);
            }
            return stage;
        }, redeploy: false);

    public void DeleteStage(AwsScope scope, string apiId, string stageName) =>
        Mutate(scope, apiId, (doc, _) =>
        {
            Required(doc.Stages, stageName, scope, apiId, "Stage");
            return doc.Stages.Remove(stageName);
        }, redeploy: false);

    public void DeleteRouteSettings(AwsScope scope, string apiId, string stageName, string routeKey) =>
        Mutate(scope, apiId, (doc, _) =>
        {
            var stage = Required(doc.Stages, stageName, scope, apiId, "Stage");
            if (stage.RouteSettings?.Remove(routeKey) != true)
            {
                throw ApiGatewayErrors.NotFound($"Unable to find route settings for route key {routeKey}", "RouteSettings");
            }
            return 0;
        }, redeploy: false);

    public void DeleteAccessLogSettings(AwsScope scope, string apiId, string stageName) =>
        Mutate(scope, apiId, (doc, _) => Required(doc.Stages, stageName, scope, apiId, "Stage").AccessLogSettings = null, redeploy: false);

    private static void CheckThrottling(RouteSettings? settings)
    {
        if (settings?.ThrottlingBurstLimit is < 0 || settings?.ThrottlingRateLimit is < 0)
        {
            throw ApiGatewayErrors.BadRequest("Throttling limits must be non-negative");
        }
    }

    public ApiDeployment CreateDeployment(AwsScope scope, string apiId, string? description, string? stageName) =>
        Mutate(scope, apiId, (doc, deployments) =>
        {
            ApiStage? stage = null;
            if (stageName is not null)
            {
                stage = Required(doc.Stages, stageName, scope, apiId, "Stage");
                if (stage.AutoDeploy == true)
                {
                    throw ApiGatewayErrors.BadRequest($"Stage {stageName} has AutoDeploy enabled; deployments to it are made automatically");
                }
            }
            if (doc.Api.ProtocolType == "HTTP" && doc.Routes.Count == 0)
            {
                throw ApiGatewayErrors.BadRequest("Unable to deploy API because no routes exist in this API");
            }
            var deployment = NewDeployment(doc, deployments, description, autoDeployed: false);
            if (stage is not null)
            {
                Point(stage, deployment.DeploymentId!);
            }
            return deployment;
        }, redeploy: false);

    public ApiDeployment GetDeployment(AwsScope scope, string apiId, string deploymentId) =>
        Required(Find(scope, apiId).Deployments, deploymentId, scope, apiId, "Deployment");

    public IReadOnlyList<ApiDeployment> GetDeployments(AwsScope scope, string apiId) =>
        [.. Find(scope, apiId).Deployments.Values.OrderBy(d => d.CreatedDate).ThenBy(d => d.DeploymentId, StringComparer.Ordinal)];

    public ApiDeployment UpdateDeployment(AwsScope scope, string apiId, string deploymentId, string? description) =>
        Mutate(scope, apiId, (doc, _) =>
        {
            var deployment = Required(doc.Deployments, deploymentId, scope, apiId, "Deployment");
            deployment.Description = description ?? deployment.Description;
            return deployment;
        }, redeploy: false);

    public void DeleteDeployment(AwsScope scope, string apiId, string deploymentId)
    {
        Mutate(scope, apiId, (doc, _) =>
        {
            Required(doc.Deployments, deploymentId, scope, apiId, "Deployment");
            if (doc.Stages.Values.Any(s => s.DeploymentId == deploymentId))
            {
                throw ApiGatewayErrors.BadRequest($"Active stages pointing to this deployment must be moved or deleted");
            }
            return doc.Deployments.Remove(deploymentId);
        }, redeploy: false);
        _store.DeleteDeployment(apiId, deploymentId);
        _snapshots.TryRemove((apiId, deploymentId), out _);
    }
}
