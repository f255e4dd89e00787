using Nimbus.ApiGateway.Model;
using Nimbus.ApiGateway.RestApis.Model;
using Nimbus.Core;

namespace Nimbus.ApiGateway.RestApis.Service;

internal sealed partial class RestApiService
{
    public RestStage CreateStage(AwsScope scope, string apiId, RestStage input)
    {
        if (string.IsNullOrEmpty(input.StageName))
        {
            throw RestErrors.Required("stageName");
        }
        if (string.IsNullOrEmpty(input.DeploymentId))
        {
            throw RestErrors.Required("deploymentId");
        }
        CheckStageName(input.StageName);
        return Mutate(scope, apiId, doc =>
        {
            if (!doc.Deployments.ContainsKey(input.DeploymentId))
            {
                throw RestErrors.DeploymentNotFound();
            }
            if (doc.Stages.ContainsKey(input.StageName))
            {
                throw RestErrors.Conflict("Stage already exists");
            }
            var stage = NewStage(input);
            doc.Stages[stage.StageName!] = stage;
            return stage;
        });
    }

    public RestStage GetStage(AwsScope scope, string apiId, string stageName) =>
        Find(scope, apiId).Stages.GetValueOrDefault(stageName) ?? throw RestErrors.StageNotFound();

    public IReadOnlyList<RestStage> GetStages(AwsScope scope, string apiId, string? deploymentId) =>
        [.. Find(scope, apiId).Stages.Values.Where(s => deploymentId is null || s.DeploymentId == deploymentId).OrderBy(s => s.StageName, StringComparer.Ordinal)];

    public RestStage UpdateStage(AwsScope scope, string apiId, string stageName, List<PatchOperation>? operations) =>
        Mutate(scope, apiId, doc =>
        {
            var stage = doc.Stages.GetValueOrDefault(stageName) ?? throw RestErrors.StageNotFound();
            Patches.Apply(operations, (op, path) => PatchStage(doc, stage, op, path));
            stage.LastUpdatedDate = Now();
            return stage;
        });

    public void DeleteStage(AwsScope scope, string apiId, string stageName) =>
        Mutate(scope, apiId, doc => doc.Stages.Remove(stageName) ? 0 : throw RestErrors.StageNotFound());

    public void FlushStageAuthorizersCache(AwsScope scope, string apiId, string stageName)
    {
        GetStage(scope, apiId, stageName);
        AuthorizerCacheFlushed?.Invoke(apiId);
    }

    private RestStage NewStage(RestStage input)
    {
        var now = Now();
        return new RestStage
        {
            StageName = input.StageName,
            DeploymentId = input.DeploymentId,
            Description = input.Description,
            CacheClusterEnabled = input.CacheClusterEnabled ?? false,
            CacheClusterSize = input.CacheClusterSize,
            CacheClusterStatus = "NOT_AVAILABLE",
            MethodSettings = [],
            Variables = input.Variables,
            DocumentationVersion = input.DocumentationVersion,
            TracingEnabled = input.TracingEnabled ?? false,
            Tags = input.Tags ?? [],
            CreatedDate = now,
            LastUpdatedDate = now,
        };
    }

    private static void PatchStage(RestApiDocument doc, RestStage stage, PatchOperation op, string[] path)
    {
        switch (path)
        {
            case ["description"]:
                Patches.RequireSet(op, removable: true);
                stage.Description = Patches.OptionalText(op);
                break;
            case ["deploymentId"]:
                Patches.RequireSet(op);
                stage.DeploymentId = doc.Deployments.ContainsKey(Patches.Text(op)) ? op.Value : throw RestErrors.DeploymentNotFound();
                break;
            case ["cacheClusterEnabled"]:
                Patches.RequireSet(op);
                stage.CacheClusterEnabled = Patches.Bool(op);
                break;
            case ["cacheClusterSize"]:
                Patches.RequireSet(op);
                stage.CacheClusterSize = Patches.Text(op);
                break;
            case ["tracingEnabled"]:
                Patches.RequireSet(op);
                stage.TracingEnabled = Patches.Bool(op);
                break;
            case ["clientCertificateId"]:
                Patches.RequireSet(op, removable: true);
                stage.ClientCertificateId = Patches.OptionalText(op);
                break;
            case ["documentationVersion"]:
                Patches.RequireSet(op, removable: true);
                stage.DocumentationVersion = Patches.OptionalText(op);
                break;
            case ["variables", var name]:
                Patches.Map(op, stage.Variables ??= [], name, value => value);
                break;
            case ["accessLogSettings"] when op.Op == "remove":
                stage.AccessLogSettings = null;
                break;
            case ["accessLogSettings", "format"]:
                Patches.RequireSet(op);
                (stage.AccessLogSettings ??= new AccessLogSettings()).Format = Patches.Text(op);
                break;
            case ["accessLogSettings", "destinationArn"]:
                Patches.RequireSet(op);
                (stage.AccessLogSettings ??= new AccessLogSettings()).DestinationArn = Patches.Text(op);
                break;
            case [var resourcePath, var method] when op.Op == "remove":
                stage.MethodSettings?.Remove(MethodSettingKey(resourcePath, method));
                break;
            case [var resourcePath, var method, var group, var setting]:
                Patches.RequireSet(op);
                var key = MethodSettingKey(resourcePath, method);
                var settings = (stage.MethodSettings ??= []).GetValueOrDefault(key) ?? new MethodSetting
                {
                    MetricsEnabled = false, LoggingLevel = "OFF", DataTraceEnabled = false, ThrottlingBurstLimit = 5000, ThrottlingRateLimit = 10000,
                    CachingEnabled = false, CacheTtlInSeconds = 300, CacheDataEncrypted = false, RequireAuthorizationForCacheControl = true,
                    UnauthorizedCacheControlHeaderStrategy = "SUCCEED_WITH_RESPONSE_HEADER",
                };
                PatchMethodSetting(settings, op, group + "/" + setting);
                stage.MethodSettings[key] = settings;
                break;
            default:
                throw Patches.InvalidPath(op);
        }
    }

    private static void PatchMethodSetting(MethodSetting settings, PatchOperation op, string name)
    {
        switch (name)
        {
            case "throttling/rateLimit":
                settings.ThrottlingRateLimit = Patches.Double(op) is >= 0 and var rate ? rate : throw RestErrors.BadRequest("Rate limit must be non-negative");
                break;
            case "throttling/burstLimit":
                settings.ThrottlingBurstLimit = Patches.Int(op) is >= 0 and var burst ? burst : throw RestErrors.BadRequest("Burst limit must be non-negative");
                break;
            case "metrics/enabled":
                settings.MetricsEnabled = Patches.Bool(op);
                break;
            case "logging/loglevel":
                settings.LoggingLevel = Patches.Text(op) is "OFF" or "ERROR" or "INFO" ? op.Value : throw RestErrors.BadRequest("Invalid logging level: " + op.Value);
                break;
            case "logging/dataTrace":
                settings.DataTraceEnabled = Patches.Bool(op);
                break;
            case "caching/enabled":
                settings.CachingEnabled = Patches.Bool(op);
                break;
            case "caching/ttlInSeconds":
                settings.CacheTtlInSeconds = Patches.Int(op);
                break;
            case "caching/dataEncrypted":
                settings.CacheDataEncrypted = Patches.Bool(op);
                break;
            case "caching/requireAuthorizationForCacheControl":
                settings.RequireAuthorizationForCacheControl = Patches.Bool(op);
                break;
            case "caching/unauthorizedCacheControlHeaderStrategy":
                settings.UnauthorizedCacheControlHeaderStrategy = Patches.Text(op);
                break;
            default:
                throw Patches.InvalidPath(op);
        }
    }

    /// <summary><c>*/*</c>, or the resource path without its leading slash and the method: <c>items/{id}/GET</c>.</summary>
    public static string MethodSettingKey(string resourcePath, string method) => resourcePath.TrimStart('/') + "/" + method;

    private static void CheckStageName(string name)
    {
        if (name.Length is 0 or > 128 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw RestErrors.BadRequest("Stage name only allows a-zA-Z0-9_-");
        }
    }
}
