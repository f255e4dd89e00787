using Nimbus.ApiGateway.RestApis.Model;
using Nimbus.Core;

namespace Nimbus.ApiGateway.RestApis.Service;

internal sealed partial class RestApiService
{
    private static readonly HashSet<string> HttpMethods = new(StringComparer.Ordinal) { "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY" };
    private static readonly HashSet<string> AuthorizationTypes = new(StringComparer.Ordinal) { "NONE", "AWS_IAM", "CUSTOM", "COGNITO_USER_POOLS" };

    public RestMethod PutMethod(AwsScope scope, string apiId, string resourceId, string httpMethod, RestMethod input)
    {
        CheckHttpMethod(httpMethod);
        if (string.IsNullOrEmpty(input.AuthorizationType))
        {
            throw RestErrors.Required("authorizationType");
        }
        return Mutate(scope, apiId, doc =>
        {
            var resource = doc.Resources.GetValueOrDefault(resourceId) ?? throw RestErrors.ResourceNotFound();
            resource.ResourceMethods ??= [];
            if (resource.ResourceMethods.ContainsKey(httpMethod))
            {
                throw RestErrors.Conflict("Method already exists for this resource");
            }
            CheckAuthorization(doc, input.AuthorizationType!, input.AuthorizerId);
            CheckRequestParameters(input.RequestParameters);
            var method = new RestMethod
            {
                HttpMethod = httpMethod,
                AuthorizationType = input.AuthorizationType,
                AuthorizerId = input.AuthorizationType is "CUSTOM" or "COGNITO_USER_POOLS" ? input.AuthorizerId : null,
                ApiKeyRequired = input.ApiKeyRequired ?? false,
                OperationName = input.OperationName,
                RequestParameters = input.RequestParameters,
                RequestModels = input.RequestModels,
                RequestValidatorId = input.RequestValidatorId,
                AuthorizationScopes = input.AuthorizationScopes,
            };
            resource.ResourceMethods[httpMethod] = method;
            return method;
        });
    }

    public RestMethod GetMethod(AwsScope scope, string apiId, string resourceId, string httpMethod) =>
        MethodOf(Find(scope, apiId), resourceId, httpMethod);

    public RestMethod UpdateMethod(AwsScope scope, string apiId, string resourceId, string httpMethod, List<PatchOperation>? operations) =>
        Mutate(scope, apiId, doc =>
        {
            var method = MethodOf(doc, resourceId, httpMethod);
            Patches.Apply(operations, (op, path) =>
            {
                switch (path)
                {
                    case ["authorizationType"]:
                        Patches.RequireSet(op);
                        method.AuthorizationType = Patches.Text(op);
                        break;
                    case ["authorizerId"]:
                        Patches.RequireSet(op, removable: true);
                        method.AuthorizerId = Patches.OptionalText(op);
                        break;
                    case ["apiKeyRequired"]:
                        Patches.RequireSet(op);
                        method.ApiKeyRequired = Patches.Bool(op);
                        break;
                    case ["operationName"]:
                        Patches.RequireSet(op, removable: true);
                        method.OperationName = Patches.OptionalText(op);
                        break;
                    case ["requestValidatorId"]:
                        Patches.RequireSet(op, removable: true);
                        method.RequestValidatorId = Patches.OptionalText(op);
                        break;
                    case ["requestParameters", var name]:
                        CheckRequestParameters(new() { [name] = false });
                        Patches.Map(op, method.RequestParameters ??= [], name, _ => Patches.Bool(op));
                        break;
                    case ["requestModels", var contentType]:
                        Patches.Map(op, method.RequestModels ??= [], contentType, value => value);
                        break;
                    case ["authorizationScopes"]:
                        method.AuthorizationScopes ??= [];
                        if (op.Op == "add")
                        {
                            method.AuthorizationScopes.Add(Patches.Text(op));
                        }
                        else if (op.Op == "remove")
                        {
                            method.AuthorizationScopes.Remove(op.Value ?? "");
                        }
                        else
                        {
                            throw Patches.UnsupportedOp(op);
                        }
                        break;
                    default:
                        throw Patches.InvalidPath(op);
                }
            });
            CheckAuthorization(doc, method.AuthorizationType!, method.AuthorizerId);
            return method;
        });

    public void DeleteMethod(AwsScope scope, string apiId, string resourceId, string httpMethod) =>
        Mutate(scope, apiId, doc =>
        {
            MethodOf(doc, resourceId, httpMethod);
            return doc.Resources[resourceId].ResourceMethods!.Remove(httpMethod);
        });

    public MethodResponse PutMethodResponse(AwsScope scope, string apiId, string resourceId, string httpMethod, string statusCode, MethodResponse input)
    {
        CheckStatusCode(statusCode);
        return Mutate(scope, apiId, doc =>
        {
            var method = MethodOf(doc, resourceId, httpMethod);
            var response = new MethodResponse { StatusCode = statusCode, ResponseParameters = input.ResponseParameters, ResponseModels = input.ResponseModels };
            (method.MethodResponses ??= [])[statusCode] = response;
            return response;
        });
    }

    public MethodResponse GetMethodResponse(AwsScope scope, string apiId, string resourceId, string httpMethod, string statusCode) =>
        MethodOf(Find(scope, apiId), resourceId, httpMethod).MethodResponses?.GetValueOrDefault(statusCode) ?? throw RestErrors.ResponseNotFound();

    public MethodResponse UpdateMethodResponse(AwsScope scope, string apiId, string resourceId, string httpMethod, string statusCode,
        List<PatchOperation>? operations) =>
        Mutate(scope, apiId, doc =>
        {
            var response = MethodOf(doc, resourceId, httpMethod).MethodResponses?.GetValueOrDefault(statusCode) ?? throw RestErrors.ResponseNotFound();
            Patches.Apply(operations, (op, path) =>
            {
                switch (path)
                {
                    case ["responseParameters", var name]:
                        Patches.Map(op, response.ResponseParameters ??= [], name, _ => Patches.Bool(op));
                        break;
                    case ["responseModels", var contentType]:
                        Patches.Map(op, response.ResponseModels ??= [], contentType, value => value);
                        break;
                    default:
                        throw Patches.InvalidPath(op);
                }
            });
            return response;
        });

    public void DeleteMethodResponse(AwsScope scope, string apiId, string resourceId, string httpMethod, string statusCode) =>
        Mutate(scope, apiId, doc =>
        {
            var method = MethodOf(doc, resourceId, httpMethod);
            return method.MethodResponses?.Remove(statusCode) == true ? 0 : throw RestErrors.ResponseNotFound();
        });

    private static RestMethod MethodOf(RestApiDocument doc, string resourceId, string httpMethod)
    {
        var resource = doc.Resources.GetValueOrDefault(resourceId) ?? throw RestErrors.ResourceNotFound();
        return resource.ResourceMethods?.GetValueOrDefault(httpMethod) ?? throw RestErrors.MethodNotFound();
    }

    private static void CheckHttpMethod(string httpMethod)
    {
        if (!HttpMethods.Contains(httpMethod))
        {
            throw RestErrors.BadRequest("Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY");
        }
    }

    private static void CheckAuthorization(RestApiDocument doc, string type, string? authorizerId)
    {
        if (!AuthorizationTypes.Contains(type))
        {
            throw RestErrors.BadRequest($"Invalid authorization type specified: {type}. Valid values are NONE, AWS_IAM, CUSTOM and COGNITO_USER_POOLS");
        }
        if (type is "CUSTOM" or "COGNITO_USER_POOLS" && (authorizerId is null || !doc.Authorizers.ContainsKey(authorizerId)))
        {
            throw RestErrors.BadRequest("Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.");
        }
    }

    /// <summary>Keys look like <c>method.request.{querystring|header|path|multivaluequerystring|multivalueheader}.{name}</c>.</summary>
    private static void CheckRequestParameters(Dictionary<string, bool>? parameters)
    {
        foreach (var key in parameters?.Keys ?? Enumerable.Empty<string>())
        {
            var parts = key.Split('.', 4);
            if (parts.Length != 4 || parts[0] != "method" || parts[1] != "request"
                || parts[2] is not ("querystring" or "header" or "path" or "multivaluequerystring" or "multivalueheader") || parts[3].Length == 0)
            {
                throw RestErrors.BadRequest($"Invalid mapping expression specified: Validation Result: warnings : [], errors : [Invalid method parameter name specified: {key}]");
            }
        }
    }

    private static void CheckStatusCode(string statusCode)
    {
        if (statusCode.Length != 3 || !int.TryParse(statusCode, out var code) || code is < 100 or > 599)
        {
            throw RestErrors.BadRequest("Invalid status code specified: " + statusCode);
        }
    }
}
