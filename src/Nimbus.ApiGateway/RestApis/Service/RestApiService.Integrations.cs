using Nimbus.ApiGateway.RestApis.Model;
using Nimbus.ApiGateway.Service;
using Nimbus.Core;

namespace Nimbus.ApiGateway.RestApis.Service;

internal sealed partial class RestApiService
{
    private static readonly HashSet<string> IntegrationTypes = new(StringComparer.Ordinal) { "HTTP", "AWS", "MOCK", "HTTP_PROXY", "AWS_PROXY" };

    public RestIntegration PutIntegration(AwsScope scope, string apiId, string resourceId, string httpMethod, RestIntegration input)
    {
        CheckIntegration(input);
        return Mutate(scope, apiId, doc =>
        {
            var method = MethodOf(doc, resourceId, httpMethod);
            var integration = new RestIntegration
            {
                Type = input.Type,
                HttpMethod = input.HttpMethod,
                Uri = input.Uri,
                ConnectionType = input.ConnectionType ?? "INTERNET",
                ConnectionId = input.ConnectionId,
                Credentials = input.Credentials,
                RequestParameters = input.RequestParameters,
                RequestTemplates = input.RequestTemplates,
                PassthroughBehavior = input.PassthroughBehavior ?? "WHEN_NO_MATCH",
                ContentHandling = input.ContentHandling,
                TimeoutInMillis = input.TimeoutInMillis ?? 29000,
                CacheNamespace = input.CacheNamespace ?? resourceId,
                CacheKeyParameters = input.CacheKeyParameters ?? [],
                TlsConfig = input.TlsConfig,
                IntegrationTarget = input.IntegrationTarget,
                // PutIntegration replaces the integration, and with it its responses.
            };
            method.MethodIntegration = integration;
            return integration;
        });
    }

    public RestIntegration GetIntegration(AwsScope scope, string apiId, string resourceId, string httpMethod) =>
        MethodOf(Find(scope, apiId), resourceId, httpMethod).MethodIntegration ?? throw RestErrors.IntegrationNotFound();

    public RestIntegration UpdateIntegration(AwsScope scope, string apiId, string resourceId, string httpMethod, List<PatchOperation>? operations) =>
        Mutate(scope, apiId, doc =>
        {
            var integration = MethodOf(doc, resourceId, httpMethod).MethodIntegration ?? throw RestErrors.IntegrationNotFound();
            Patches.Apply(operations, (op, path) =>
            {
                switch (path)
                {
                    case ["uri"]:
                        Patches.RequireSet(op);
                        integration.Uri = Patches.Text(op);
                        break;
                    case ["httpMethod"]:
                        Patches.RequireSet(op);
                        integration.HttpMethod = Patches.Text(op);
                        break;
                    case ["type"]:
                        Patches.RequireSet(op);
                        integration.Type = Patches.Text(op);
                        break;
                    case ["timeoutInMillis"]:
                        Patches.RequireSet(op);
                        integration.TimeoutInMillis = Patches.Int(op);
                        break;
                    case ["passthroughBehavior"]:
                        Patches.RequireSet(op);
                        integration.PassthroughBehavior = Patches.Text(op);
                        break;
                    case ["contentHandling"]:
                        Patches.RequireSet(op, removable: true);
                        integration.ContentHandling = Patches.OptionalText(op);
                        break;
                    case ["credentials"]:
                        Patches.RequireSet(op, removable: true);
                        integration.Credentials = Patches.OptionalText(op);
                        break;
                    case ["requestTemplates", var contentType]:
                        Patches.Map(op, integration.RequestTemplates ??= [], contentType, value => value);
                        break;
                    case ["requestParameters", var name]:
                        Patches.Map(op, integration.RequestParameters ??= [], name, value => value);
                        break;
                    default:
                        throw Patches.InvalidPath(op);
                }
            });
            CheckIntegration(integration);
            return integration;
        });

    public void DeleteIntegration(AwsScope scope, string apiId, string resourceId, string httpMethod) =>
        Mutate(scope, apiId, doc =>
        {
            var method = MethodOf(doc, resourceId, httpMethod);
            if (method.MethodIntegration is null)
            {
                throw RestErrors.IntegrationNotFound();
            }
            method.MethodIntegration = null;
            return 0;
        });

    public IntegrationResponse PutIntegrationResponse(AwsScope scope, string apiId, string resourceId, string httpMethod, string statusCode,
        IntegrationResponse input)
    {
        CheckStatusCode(statusCode);
        CheckPattern(input.SelectionPattern);
        return Mutate(scope, apiId, doc =>
        {
            var integration = MethodOf(doc, resourceId, httpMethod).MethodIntegration ?? throw RestErrors.IntegrationNotFound();
            var response = new IntegrationResponse
            {
                StatusCode = statusCode,
                SelectionPattern = input.SelectionPattern,
                ResponseParameters = input.ResponseParameters,
                ResponseTemplates = input.ResponseTemplates,
                ContentHandling = input.ContentHandling,
            };
            (integration.IntegrationResponses ??= [])[statusCode] = response;
            return response;
        });
    }

    public IntegrationResponse GetIntegrationResponse(AwsScope scope, string apiId, string resourceId, string httpMethod, string statusCode) =>
        (MethodOf(Find(scope, apiId), resourceId, httpMethod).MethodIntegration ?? throw RestErrors.IntegrationNotFound())
            .IntegrationResponses?.GetValueOrDefault(statusCode) ?? throw RestErrors.ResponseNotFound();

    public IntegrationResponse UpdateIntegrationResponse(AwsScope scope, string apiId, string resourceId, string httpMethod, string statusCode,
        List<PatchOperation>? operations) =>
        Mutate(scope, apiId, doc =>
        {
            var response = (MethodOf(doc, resourceId, httpMethod).MethodIntegration ?? throw RestErrors.IntegrationNotFound())
                .IntegrationResponses?.GetValueOrDefault(statusCode) ?? throw RestErrors.ResponseNotFound();
            Patches.Apply(operations, (op, path) =>
            {
                switch (path)
                {
                    case ["selectionPattern"]:
                        Patches.RequireSet(op, removable: true);
                        CheckPattern(Patches.OptionalText(op));
                        response.SelectionPattern = Patches.OptionalText(op);
                        break;
                    case ["contentHandling"]:
                        Patches.RequireSet(op, removable: true);
                        response.ContentHandling = Patches.OptionalText(op);
                        break;
                    case ["responseTemplates", var contentType]:
                        Patches.Map(op, response.ResponseTemplates ??= [], contentType, value => value);
                        break;
                    case ["responseParameters", var name]:
                        Patches.Map(op, response.ResponseParameters ??= [], name, value => value);
                        break;
                    default:
                        throw Patches.InvalidPath(op);
                }
            });
            return response;
        });

    public void DeleteIntegrationResponse(AwsScope scope, string apiId, string resourceId, string httpMethod, string statusCode) =>
        Mutate(scope, apiId, doc =>
        {
            var integration = MethodOf(doc, resourceId, httpMethod).MethodIntegration ?? throw RestErrors.IntegrationNotFound();
            return integration.IntegrationResponses?.Remove(statusCode) == true ? 0 : throw RestErrors.ResponseNotFound();
        });

    /// <summary>What PutIntegration refuses, with AWS's messages.</summary>
    private static void CheckIntegration(RestIntegration input)
    {
        if (input.Type is null)
        {
            throw RestErrors.Required("type");
        }
        if (!IntegrationTypes.Contains(input.Type))
        {
            throw RestErrors.BadRequest($"Invalid integration type specified: {input.Type}. Valid values are HTTP, AWS, MOCK, HTTP_PROXY and AWS_PROXY");
        }
        if (input.Type != "MOCK")
        {
            if (string.IsNullOrEmpty(input.HttpMethod))
            {
                throw RestErrors.BadRequest("Enumeration value for HttpMethod must be non-empty");
            }
            if (string.IsNullOrEmpty(input.Uri))
            {
                throw RestErrors.BadRequest("Invalid HTTP endpoint specified for URI");
            }
        }
        if (input.Type is "HTTP" or "HTTP_PROXY" && !(Uri.TryCreate(input.Uri, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            throw RestErrors.BadRequest("Invalid HTTP endpoint specified for URI");
        }
        if (input.Type == "AWS_PROXY" && IntegrationTarget.FunctionOf(input.Uri!) is null && !input.Uri!.Contains("${stageVariables.", StringComparison.Ordinal))
        {
            throw RestErrors.BadRequest("Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations.");
        }
        if (input.Type == "AWS" && IntegrationTarget.FunctionOf(input.Uri!) is null && !input.Uri!.Contains("${stageVariables.", StringComparison.Ordinal))
        {
            // Lambda is the one AWS service a non-proxy integration can reach in Nimbus.
            throw RestErrors.BadRequest("Integrations of type 'AWS' are supported by Nimbus for Lambda function invocations only; use a lambda:path/2015-03-31/functions/{arn}/invocations URI");
        }
        if (input.TimeoutInMillis is < 50 or > 29000)
        {
            throw RestErrors.BadRequest("Timeout should be between 50 ms and 29000 ms");
        }
    }

    private static void CheckPattern(string? pattern)
    {
        if (pattern is null)
        {
            return;
        }
        try
        {
            _ = new System.Text.RegularExpressions.Regex(pattern, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            throw RestErrors.BadRequest("Invalid selection pattern specified: " + pattern);
        }
    }
}
