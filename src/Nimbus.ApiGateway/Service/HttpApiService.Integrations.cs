using Nimbus.ApiGateway.Model;
using Nimbus.Core;

namespace Nimbus.ApiGateway.Service;

internal sealed partial class HttpApiService
{
    private static readonly HashSet<string> IntegrationTypes = new(StringComparer.Ordinal) { "AWS", "HTTP", "MOCK", "HTTP_PROXY", "AWS_PROXY" };

    public ApiIntegration CreateIntegration(AwsScope scope, string apiId, ApiIntegration input)
    {
        Validation.RequireField(input.IntegrationType, "IntegrationType");
        return Mutate(scope, apiId, (doc, _) =>
        {
            var integration = input;
            integration.ApiGatewayManaged = null;
            integration.IntegrationId = ApiIds.Integration();
            integration.ConnectionType ??= "INTERNET";
            CheckIntegration(doc, integration);
            doc.Integrations[integration.IntegrationId] = integration;
            return integration;
        }, redeploy: true);
    }

    public ApiIntegration GetIntegration(AwsScope scope, string apiId, string integrationId) =>
        Required(Find(scope, apiId).Integrations, integrationId, scope, apiId, "Integration");

    public IReadOnlyList<ApiIntegration> GetIntegrations(AwsScope scope, string apiId) =>
        [.. Find(scope, apiId).Integrations.Values.OrderBy(i => i.IntegrationId, StringComparer.Ordinal)];

    public ApiIntegration UpdateIntegration(AwsScope scope, string apiId, string integrationId, ApiIntegration input) =>
        Mutate(scope, apiId, (doc, _) =>
        {
            var integration = Required(doc.Integrations, integrationId, scope, apiId, "Integration");
            integration.ConnectionType = input.ConnectionType ?? integration.ConnectionType;
            integration.Description = input.Description ?? integration.Description;
            integration.IntegrationMethod = input.IntegrationMethod ?? integration.IntegrationMethod;
            integration.IntegrationType = input.IntegrationType ?? integration.IntegrationType;
            integration.IntegrationUri = input.IntegrationUri ?? integration.IntegrationUri;
            integration.PayloadFormatVersion = input.PayloadFormatVersion ?? integration.PayloadFormatVersion;
            integration.RequestParameters = input.RequestParameters ?? integration.RequestParameters;
            integration.ResponseParameters = input.ResponseParameters ?? integration.ResponseParameters;
            integration.TimeoutInMillis = input.TimeoutInMillis ?? integration.TimeoutInMillis;
            integration.TlsConfig = input.TlsConfig ?? integration.TlsConfig;
            integration.ContentHandlingStrategy = input.ContentHandlingStrategy ?? integration.ContentHandlingStrategy;
            integration.IntegrationResponseSelectionExpression = input.IntegrationResponseSelectionExpression ?? integration.IntegrationResponseSelectionExpression;
            integration.PassthroughBehavior = input.PassthroughBehavior ?? integration.PassthroughBehavior;
            integration.RequestTemplates = input.RequestTemplates ?? integration.RequestTemplates;
            integration.TemplateSelectionExpression = input.TemplateSelectionExpression ?? integration.TemplateSelectionExpression;
            CheckIntegration(doc, integration);
            return integration;
        }, redeploy: true);

    public void DeleteIntegration(AwsScope scope, string apiId, string integrationId) =>
        Mutate(scope, apiId, (doc, _) =>
        {
            Required(doc.Integrations, integrationId, scope, apiId, "Integration");
            if (doc.Routes.Values.Any(r => r.Target == "integrations/" + integrationId))
            {
                throw ApiGatewayErrors.Conflict($"Cannot delete integration {integrationId}: it is the target of a route");
            }
            doc.IntegrationResponses.Remove(integrationId);
            return doc.Integrations.Remove(integrationId);
        }, redeploy: true);

    /// <summary>
    /// HTTP APIs: AWS_PROXY needs a Lambda target and a payload format (1.0 or 2.0; a required member when
    /// created through the API), HTTP_PROXY a URL and format 1.0; the integration timeout is 50–30,000 ms.
    /// </summary>
    private static void CheckIntegration(ApiDocument doc, ApiIntegration integration)
    {
        if (!IntegrationTypes.Contains(integration.IntegrationType!))
        {
            throw ApiGatewayErrors.BadRequest($"Invalid integration type specified: {integration.IntegrationType}");
        }
        if (integration.TimeoutInMillis is < 50 or > 30000)
        {
            throw ApiGatewayErrors.BadRequest("Invalid timeout specified: TimeoutInMillis must be between 50 and 30000");
        }
        var isHttpApi = doc.Api.ProtocolType == "HTTP";
        ProtocolRules.CheckIntegration(doc.Api, integration);
        switch (integration.IntegrationType)
        {
            case "AWS_PROXY":
                if (integration.IntegrationUri is null && integration.IntegrationSubtype is null)
                {
                    throw ApiGatewayErrors.BadRequest("IntegrationUri is required for AWS_PROXY integrations");
                }
                if (integration.IntegrationUri is not null && IntegrationTarget.FunctionOf(integration.IntegrationUri) is null && !integration.IntegrationUri.Contains("${stageVariables.", StringComparison.Ordinal))
                {
                    throw ApiGatewayErrors.BadRequest("Invalid integration URI specified: " + integration.IntegrationUri);
                }
                if (isHttpApi && integration.PayloadFormatVersion is null)
                {
                    throw ApiGatewayErrors.BadRequest("PayloadFormatVersion is required for AWS_PROXY integrations of HTTP APIs");
                }
                integration.IntegrationMethod ??= "POST";
                break;
            case "HTTP_PROXY":
                if (integration.IntegrationUri is null || !(integration.IntegrationUri.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
                    || integration.IntegrationUri.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
                {
                    throw ApiGatewayErrors.BadRequest("Invalid integration URI specified: an HTTP_PROXY integration needs an http(s) URL");
                }
                integration.IntegrationMethod ??= "ANY";
                integration.PayloadFormatVersion ??= "1.0";
                break;
            default:
                if (isHttpApi)
                {
                    throw ApiGatewayErrors.BadRequest($"Integration type {integration.IntegrationType} is not supported for HTTP APIs");
                }
                break;
        }
        if (integration.PayloadFormatVersion is not (null or "1.0" or "2.0"))
        {
            throw ApiGatewayErrors.BadRequest("Invalid payload format version specified: " + integration.PayloadFormatVersion);
        }
        if (integration.PayloadFormatVersion == "2.0" && integration.IntegrationType != "AWS_PROXY")
        {
            throw ApiGatewayErrors.BadRequest("Payload format version 2.0 is supported only for AWS_PROXY integrations");
        }
        if (isHttpApi)
        {
            integration.TimeoutInMillis ??= 30000;
        }
    }
}
