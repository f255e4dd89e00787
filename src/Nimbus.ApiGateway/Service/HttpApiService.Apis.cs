using Nimbus.ApiGateway.Model;
using Nimbus.Core;

namespace Nimbus.ApiGateway.Service;

internal sealed partial class HttpApiService
{
    public HttpApi CreateApi(AwsScope scope, ApiInput input)
    {
        Validation.RequireField(input.Name, "Name");
        Validation.RequireField(input.ProtocolType, "ProtocolType");
        Validation.Length(input.Name!, "name", 1, 128);
        if (input.ProtocolType is not ("HTTP" or "WEBSOCKET"))
        {
            throw ApiGatewayErrors.BadRequest($"Invalid protocol type specified: {input.ProtocolType}");
        }
        if (input.ProtocolType == "WEBSOCKET")
        {
            if (input.RouteSelectionExpression is null)
            {
                throw ApiGatewayErrors.BadRequest("Route selection expression is required for WEBSOCKET APIs");
            }
            if (input.Target is not null || input.CorsConfiguration is not null)
            {
                throw ApiGatewayErrors.BadRequest("Quick create and CORS configuration are supported only for HTTP APIs");
            }
        }
        if (input.Target is null && (input.RouteKey is not null || input.CredentialsArn is not null))
        {
            throw ApiGatewayErrors.BadRequest("RouteKey and CredentialsArn can be specified only with a Target (quick create)");
        }
        Validation.Cors(input.CorsConfiguration);
        ProtocolRules.CheckApi(input.ProtocolType!, input.RouteSelectionExpression, input.ApiKeySelectionExpression);

        var apiId = ApiIds.Api();
        var api = new HttpApi
        {
            ApiId = apiId,
            ApiEndpoint = EndpointOf(apiId, input.ProtocolType!),
            ApiKeySelectionExpression = input.ApiKeySelectionExpression ?? "$request.header.x-api-key",
            CorsConfiguration = input.CorsConfiguration,
            CreatedDate = Now(),
            Description = input.Description,
            DisableSchemaValidation = input.DisableSchemaValidation,
            DisableExecuteApiEndpoint = input.DisableExecuteApiEndpoint ?? false,
            IpAddressType = input.IpAddressType ?? "ipv4",
            Name = input.Name,
            ProtocolType = input.ProtocolType,
            RouteSelectionExpression = input.RouteSelectionExpression ?? "$request.method $request.path",
            Tags = input.Tags ?? [],
            Version = input.Version,
        };
        var document = new ApiDocument { AccountId = scope.AccountId, Region = scope.Region, Api = api };
        var deployments = new List<(string, DeploymentSnapshot)>();
        if (input.Target is not null)
        {
            QuickCreate(document, input, deployments);
        }
        lock (_gate)
        {
            _store.Save(document, deployments);
            foreach (var (id, snapshot) in deployments)
            {
                _snapshots[(apiId, id)] = snapshot;
            }
            _apis[apiId] = document;
        }
        return api;
    }

    /// <summary>
    /// Quick create: an integration to the target (Lambda ARN → AWS_PROXY 2.0, URL → HTTP_PROXY), a route
    /// (<c>$default</c> unless RouteKey says otherwise) and an auto-deploying <c>$default</c> stage, all
    /// marked API Gateway managed.
    /// </summary>
    private void QuickCreate(ApiDocument document, ApiInput input, List<(string, DeploymentSnapshot)> deployments)
    {
        var target = input.Target!;
        var isUrl = target.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || target.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        if (!isUrl && IntegrationTarget.FunctionOf(target) is null)
        {
            throw ApiGatewayErrors.BadRequest("Invalid target specified: " + target);
        }
        var integration = new ApiIntegration
        {
            ApiGatewayManaged = true,
            ConnectionType = "INTERNET",
            CredentialsArn = input.CredentialsArn,
            IntegrationId = ApiIds.Integration(),
            IntegrationMethod = isUrl ? "ANY" : "POST",
            IntegrationType = isUrl ? "HTTP_PROXY" : "AWS_PROXY",
            IntegrationUri = target,
            PayloadFormatVersion = isUrl ? "1.0" : "2.0",
            TimeoutInMillis = 30000,
        };
        document.Integrations[integration.IntegrationId] = integration;
        var routeKey = input.RouteKey ?? "$default";
        RouteKeys.Validate(routeKey);
        var route = new ApiRoute
        {
            ApiGatewayManaged = true,
            ApiKeyRequired = false,
            AuthorizationType = "NONE",
            RouteId = ApiIds.Route(),
            RouteKey = routeKey,
            Target = "integrations/" + integration.IntegrationId,
        };
        document.Routes[route.RouteId] = route;
        var stage = new ApiStage
        {
            ApiGatewayManaged = true,
            AutoDeploy = true,
            CreatedDate = Now(),
            DefaultRouteSettings = new RouteSettings { DetailedMetricsEnabled = false },
            RouteSettings = [],
            StageName = "$default",
            StageVariables = [],
            Tags = [],
        };
        document.Stages[stage.StageName] = stage;
        var deployment = NewDeployment(document, deployments, "Automatic deployment triggered by changes to the Api configuration", autoDeployed: true);
        Point(stage, deployment.DeploymentId!);
    }

    private string EndpointOf(string apiId, string protocol)
    {
        var port = Uri.TryCreate(_edge.Url, UriKind.Absolute, out var edge) ? edge.Port : 4566;
        return (protocol == "WEBSOCKET" ? "ws://" : "http://") + apiId + ".execute-api.localhost:" + port;
    }

    public HttpApi GetApi(AwsScope scope, string apiId) => Find(scope, apiId).Api;

    public IReadOnlyList<HttpApi> GetApis(AwsScope scope) =>
        [.. _apis.Values.Where(a => a.AccountId == scope.AccountId && a.Region == scope.Region).Select(a => a.Api).OrderBy(a => a.CreatedDate).ThenBy(a => a.ApiId)];

    public HttpApi UpdateApi(AwsScope scope, string apiId, ApiInput input)
    {
        if (input.Name is not null)
        {
            Validation.Length(input.Name, "name", 1, 128);
        }
        Validation.Cors(input.CorsConfiguration);
        if (input.ProtocolType is not null)
        {
            throw ApiGatewayErrors.BadRequest("ProtocolType cannot be updated");
        }
        return Mutate(scope, apiId, (doc, _) =>
        {
            var api = doc.Api;
            ProtocolRules.CheckApi(api.ProtocolType!, input.RouteSelectionExpression, input.ApiKeySelectionExpression);
            if (input.CorsConfiguration is not null && api.ProtocolType != "HTTP")
            {
                throw ApiGatewayErrors.BadRequest("CORS configuration is supported only for HTTP APIs");
            }
            if (input.Target is not null && api.ProtocolType != "HTTP")
            {
                throw ApiGatewayErrors.BadRequest("Target can be updated only for HTTP APIs");
            }
            api.Name = input.Name ?? api.Name;
            api.Description = input.Description ?? api.Description;
            api.Version = input.Version ?? api.Version;
            api.CorsConfiguration = input.CorsConfiguration ?? api.CorsConfiguration;
            api.DisableExecuteApiEndpoint = input.DisableExecuteApiEndpoint ?? api.DisableExecuteApiEndpoint;
            api.DisableSchemaValidation = input.DisableSchemaValidation ?? api.DisableSchemaValidation;
            api.RouteSelectionExpression = input.RouteSelectionExpression ?? api.RouteSelectionExpression;
            api.ApiKeySelectionExpression = input.ApiKeySelectionExpression ?? api.ApiKeySelectionExpression;
            api.IpAddressType = input.IpAddressType ?? api.IpAddressType;
            if (input.Target is not null)
            {
                // Quick-create resources follow the new target (AWS updates the managed integration).
                foreach (var integration in doc.Integrations.Values.Where(i => i.ApiGatewayManaged == true))
                {
                    integration.IntegrationUri = input.Target;
                }
            }
            return api;
        }, redeploy: input.Target is not null);
    }

    public void DeleteApi(AwsScope scope, string apiId)
    {
        lock (_gate)
        {
            Find(scope, apiId);
            _store.Delete(apiId);
            _apis.TryRemove(apiId, out _);
            foreach (var key in _snapshots.Keys.Where(k => k.ApiId == apiId))
            {
                _snapshots.TryRemove(key, out _);
            }
        }
        Changed?.Invoke(apiId);
    }

    public void DeleteCorsConfiguration(AwsScope scope, string apiId) =>
        Mutate(scope, apiId, (doc, _) => doc.Api.CorsConfiguration = null, redeploy: false);

    public Dictionary<string, string> GetTags(AwsScope scope, string apiId) => Find(scope, apiId).Api.Tags ?? [];

    public void TagApi(AwsScope scope, string apiId, Dictionary<string, string> tags) =>
        Mutate(scope, apiId, (doc, _) =>
        {
            doc.Api.Tags ??= [];
            foreach (var (key, value) in tags)
            {
                doc.Api.Tags[key] = value;
            }
            return 0;
        }, redeploy: false);

    public void UntagApi(AwsScope scope, string apiId, IEnumerable<string> keys) =>
        Mutate(scope, apiId, (doc, _) =>
        {
            foreach (var key in keys)
            {
                doc.Api.Tags?.Remove(key);
            }
            return 0;
        }, redeploy: false);
}
