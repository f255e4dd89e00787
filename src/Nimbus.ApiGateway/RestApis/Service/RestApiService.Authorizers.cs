using Nimbus.ApiGateway.RestApis.Model;
using Nimbus.ApiGateway.Service;
using Nimbus.Core;

namespace Nimbus.ApiGateway.RestApis.Service;

internal sealed partial class RestApiService
{
    public RestAuthorizer CreateAuthorizer(AwsScope scope, string apiId, RestAuthorizer input)
    {
        if (string.IsNullOrEmpty(input.Name))
        {
            throw RestErrors.Required("name");
        }
        if (input.Type is null)
        {
            throw RestErrors.Required("type");
        }
        var authorizer = new RestAuthorizer
        {
            Name = input.Name,
            Type = input.Type,
            ProviderARNs = input.ProviderARNs,
            AuthType = input.AuthType,
            AuthorizerUri = input.AuthorizerUri,
            AuthorizerCredentials = input.AuthorizerCredentials,
            IdentitySource = input.IdentitySource ?? (input.Type is "TOKEN" or "COGNITO_USER_POOLS" ? "method.request.header.Authorization" : null),
            IdentityValidationExpression = input.IdentityValidationExpression,
            AuthorizerResultTtlInSeconds = input.AuthorizerResultTtlInSeconds ?? 300,
        };
        CheckAuthorizer(authorizer);
        return Mutate(scope, apiId, doc =>
        {
            authorizer.Id = RestIds.New(6);
            doc.Authorizers[authorizer.Id] = authorizer;
            return authorizer;
        });
    }

    public RestAuthorizer GetAuthorizer(AwsScope scope, string apiId, string authorizerId) =>
        Find(scope, apiId).Authorizers.GetValueOrDefault(authorizerId) ?? throw RestErrors.AuthorizerNotFound();

    public IReadOnlyList<RestAuthorizer> GetAuthorizers(AwsScope scope, string apiId) =>
        [.. Find(scope, apiId).Authorizers.Values.OrderBy(a => a.Name, StringComparer.Ordinal)];

    public RestAuthorizer UpdateAuthorizer(AwsScope scope, string apiId, string authorizerId, List<PatchOperation>? operations) =>
        Mutate(scope, apiId, doc =>
        {
            var authorizer = doc.Authorizers.GetValueOrDefault(authorizerId) ?? throw RestErrors.AuthorizerNotFound();
            Patches.Apply(operations, (op, path) =>
            {
                switch (path)
                {
                    case ["name"]:
                        Patches.RequireSet(op);
                        authorizer.Name = Patches.Text(op);
                        break;
                    case ["type"]:
                        Patches.RequireSet(op);
                        authorizer.Type = Patches.Text(op);
                        break;
                    case ["authorizerUri"]:
                        Patches.RequireSet(op);
                        authorizer.AuthorizerUri = Patches.Text(op);
                        break;
                    case ["authorizerCredentials"]:
                        Patches.RequireSet(op, removable: true);
                        authorizer.AuthorizerCredentials = Patches.OptionalText(op);
                        break;
                    case ["identitySource"]:
                        Patches.RequireSet(op, removable: true);
                        authorizer.IdentitySource = Patches.OptionalText(op);
                        break;
                    case ["identityValidationExpression"]:
                        Patches.RequireSet(op, removable: true);
                        authorizer.IdentityValidationExpression = Patches.OptionalText(op);
                        break;
                    case ["authorizerResultTtlInSeconds"]:
                        Patches.RequireSet(op);
                        authorizer.AuthorizerResultTtlInSeconds = Patches.Int(op);
                        break;
                    case ["providerARNs"] or ["providerARNs", _]:
                        Patches.RequireSet(op, removable: true);
                        authorizer.ProviderARNs = op.Op == "remove" ? null : [Patches.Text(op)];
                        break;
                    default:
                        throw Patches.InvalidPath(op);
                }
            });
            CheckAuthorizer(authorizer);
            return authorizer;
        });

    public void DeleteAuthorizer(AwsScope scope, string apiId, string authorizerId) =>
        Mutate(scope, apiId, doc =>
        {
            if (!doc.Authorizers.ContainsKey(authorizerId))
            {
                throw RestErrors.AuthorizerNotFound();
            }
            if (doc.Resources.Values.SelectMany(r => r.ResourceMethods?.Values ?? Enumerable.Empty<RestMethod>()).Any(m => m.AuthorizerId == authorizerId))
            {
                throw RestErrors.Conflict("Cannot delete authorizer because it is still attached to one or more methods");
            }
            return doc.Authorizers.Remove(authorizerId);
        });

    private static void CheckAuthorizer(RestAuthorizer authorizer)
    {
        if (authorizer.Type is not ("TOKEN" or "REQUEST" or "COGNITO_USER_POOLS"))
        {
            throw RestErrors.BadRequest($"Invalid authorizer type specified: {authorizer.Type}. Valid values are TOKEN, REQUEST and COGNITO_USER_POOLS");
        }
        if (authorizer.Type == "COGNITO_USER_POOLS")
        {
            if (authorizer.ProviderARNs is not { Count: > 0 })
            {
                throw RestErrors.BadRequest("ProviderARNs need to be specified for COGNITO_USER_POOLS authorizers");
            }
            if (authorizer.ProviderARNs.FirstOrDefault(arn => !arn.StartsWith("arn:aws:cognito-idp:", StringComparison.Ordinal) || !arn.Contains(":userpool/", StringComparison.Ordinal)) is { } invalid)
            {
                throw RestErrors.BadRequest("Invalid Cognito user pool ARN: " + invalid);
            }
            if (authorizer.IdentitySource is null || !authorizer.IdentitySource.StartsWith("method.request.header.", StringComparison.Ordinal))
            {
                throw RestErrors.BadRequest("Invalid identity source: COGNITO_USER_POOLS authorizers take one header, method.request.header.{name}");
            }
            return;
        }
        if (string.IsNullOrEmpty(authorizer.AuthorizerUri))
        {
            throw RestErrors.BadRequest("Authorizer URI must be specified for TOKEN and REQUEST authorizers");
        }
        if (IntegrationTarget.FunctionOf(authorizer.AuthorizerUri) is null && !authorizer.AuthorizerUri.Contains("${stageVariables.", StringComparison.Ordinal))
        {
            throw RestErrors.BadRequest("Invalid Authorizer URI: " + authorizer.AuthorizerUri + ". Authorizer URI should be a valid API Gateway ARN that represents a Lambda function invocation.");
        }
        if (authorizer.Type == "TOKEN" && (authorizer.IdentitySource is null || !authorizer.IdentitySource.StartsWith("method.request.header.", StringComparison.Ordinal)))
        {
            throw RestErrors.BadRequest("Invalid identity source: TOKEN authorizers take one header, method.request.header.{name}");
        }
        if (authorizer.AuthorizerResultTtlInSeconds is < 0 or > 3600)
        {
            throw RestErrors.BadRequest("Authorizer result TTL must be between 0 and 3600 seconds");
        }
        if (authorizer.Type == "REQUEST" && authorizer.AuthorizerResultTtlInSeconds > 0 && string.IsNullOrEmpty(authorizer.IdentitySource))
        {
            throw RestErrors.BadRequest("Identity source is required when authorizer caching is enabled");
        }
        foreach (var source in (authorizer.IdentitySource ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!(source.StartsWith("method.request.header.", StringComparison.Ordinal) || source.StartsWith("method.request.querystring.", StringComparison.Ordinal)
                || source.StartsWith("stageVariables.", StringComparison.Ordinal) || source.StartsWith("context.", StringComparison.Ordinal)))
            {
                throw RestErrors.BadRequest("Invalid identity source: " + source);
            }
        }
        if (authorizer.IdentityValidationExpression is { } expression)
        {
            try
            {
                _ = new System.Text.RegularExpressions.Regex(expression, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException)
            {
                throw RestErrors.BadRequest("Invalid identity validation expression: " + expression);
            }
        }
    }
}
