using Nimbus.ApiGateway.RestApis.Model;
using Nimbus.ApiGateway.RestApis.Runtime;
using Nimbus.Core;

namespace Nimbus.ApiGateway.RestApis.Service;

internal sealed partial class RestApiService
{
    private static readonly string[] EndpointTypes = ["REGIONAL", "EDGE", "PRIVATE"];

    public RestApi CreateRestApi(AwsScope scope, RestApi input)
    {
        if (string.IsNullOrEmpty(input.Name))
        {
            throw RestErrors.Required("name");
        }
        if (input.CloneFrom is not null)
        {
            throw RestErrors.BadRequest("Cloning a REST API (cloneFrom) is not supported by Nimbus");
        }
        CheckApiKeySource(input.ApiKeySource);
        CheckEndpointTypes(input.EndpointConfiguration?.Types);
        var apiId = RestIds.New(10);
        var root = new RestResource { Id = RestIds.New(10), Path = "/" };
        var api = new RestApi
        {
            Id = apiId,
            Name = input.Name,
            Description = input.Description,
            CreatedDate = Now(),
            Version = input.Version,
            BinaryMediaTypes = input.BinaryMediaTypes,
            MinimumCompressionSize = input.MinimumCompressionSize,
            ApiKeySource = input.ApiKeySource ?? "HEADER",
            EndpointConfiguration = input.EndpointConfiguration ?? new EndpointConfiguration { Types = ["EDGE"], IpAddressType = "ipv4" },
            Policy = ResourcePolicy.Validate(input.Policy),
            Tags = input.Tags ?? [],
            DisableExecuteApiEndpoint = input.DisableExecuteApiEndpoint ?? false,
            RootResourceId = root.Id,
            ApiStatus = "AVAILABLE",
        };
        var document = new RestApiDocument { AccountId = scope.AccountId, Region = scope.Region, Api = api };
        document.Resources[root.Id] = root;
        lock (_gate)
        {
            _store.SaveApi(document, null, null);
            _apis[apiId] = document;
        }
        return api;
    }

    public RestApi GetRestApi(AwsScope scope, string apiId) =>
        Exists(scope, apiId) ? _apis[apiId].Api : throw RestErrors.ApiNotFound(scope, apiId);

    public IReadOnlyList<RestApi> GetRestApis(AwsScope scope) =>
        [.. _apis.Values.Where(a => a.AccountId == scope.AccountId && a.Region == scope.Region).Select(a => a.Api)
            .OrderBy(a => a.CreatedDate).ThenBy(a => a.Id, StringComparer.Ordinal)];

    public RestApi UpdateRestApi(AwsScope scope, string apiId, List<PatchOperation>? operations)
    {
        if (!Exists(scope, apiId))
        {
            throw RestErrors.ApiNotFound(scope, apiId);
        }
        return Mutate(scope, apiId, doc =>
        {
            var api = doc.Api;
            Patches.Apply(operations, (op, path) =>
            {
                switch (path)
                {
                    case ["name"]:
                        Patches.RequireSet(op);
                        api.Name = Patches.Text(op).Length > 0 ? op.Value : throw RestErrors.BadRequest("Name must not be empty");
                        break;
                    case ["description"]:
                        Patches.RequireSet(op, removable: true);
                        api.Description = Patches.OptionalText(op);
                        break;
                    case ["version"]:
                        Patches.RequireSet(op, removable: true);
                        api.Version = Patches.OptionalText(op);
                        break;
                    case ["policy"]:
                        Patches.RequireSet(op, removable: true);
                        api.Policy = ResourcePolicy.Validate(Patches.OptionalText(op));
                        break;
                    case ["apiKeySource"]:
                        Patches.RequireSet(op);
                        CheckApiKeySource(op.Value);
                        api.ApiKeySource = op.Value;
                        break;
                    case ["minimumCompressionSize"]:
                        Patches.RequireSet(op, removable: true);
                        api.MinimumCompressionSize = op.Op == "remove" || string.IsNullOrEmpty(op.Value) ? null : Patches.Int(op);
                        break;
                    case ["disableExecuteApiEndpoint"]:
                        Patches.RequireSet(op);
                        api.DisableExecuteApiEndpoint = Patches.Bool(op);
                        break;
                    case ["binaryMediaTypes", var type]:
                        PatchBinaryMediaType(api, op, type);
                        break;
                    case ["endpointConfiguration", "types", _]:
                        Patches.RequireSet(op);
                        CheckEndpointTypes([Patches.Text(op)]);
                        api.EndpointConfiguration = new EndpointConfiguration { Types = [op.Value!], IpAddressType = api.EndpointConfiguration?.IpAddressType };
                        break;
                    default:
                        throw Patches.InvalidPath(op);
                }
            });
            return api;
        });
    }

    public void DeleteRestApi(AwsScope scope, string apiId)
    {
        lock (_gate)
        {
            if (!Exists(scope, apiId))
            {
                throw RestErrors.ApiNotFound(scope, apiId);
            }
            _store.DeleteApi(apiId);
            _apis.TryRemove(apiId, out _);
            foreach (var key in _snapshots.Keys.Where(k => k.ApiId == apiId))
            {
                _snapshots.TryRemove(key, out _);
            }
        }
        Changed?.Invoke(apiId);
    }

    /// <summary><c>/binaryMediaTypes/image~1png</c>: add or remove one media type (the path names it).</summary>
    private static void PatchBinaryMediaType(RestApi api, PatchOperation op, string type)
    {
        api.BinaryMediaTypes ??= [];
        switch (op.Op)
        {
            case "add":
                if (!api.BinaryMediaTypes.Contains(type))
                {
                    api.BinaryMediaTypes.Add(type);
                }
                break;
            case "remove":
                api.BinaryMediaTypes.Remove(type);
                break;
            case "replace":
                api.BinaryMediaTypes.Remove(type);
                api.BinaryMediaTypes.Add(Patches.Text(op));
                break;
            default:
                throw Patches.UnsupportedOp(op);
        }
        if (api.BinaryMediaTypes.Count == 0)
        {
            api.BinaryMediaTypes = null;
        }
    }

    private static void CheckApiKeySource(string? source)
    {
        if (source is not (null or "HEADER" or "AUTHORIZER"))
        {
            throw RestErrors.BadRequest($"Invalid API Key source specified: {source}. Valid values are HEADER and AUTHORIZER");
        }
    }

    private static void CheckEndpointTypes(List<string>? types)
    {
        if (types is null)
        {
            return;
        }
        if (types.Count != 1 || !EndpointTypes.Contains(types[0]))
        {
            throw RestErrors.BadRequest("Invalid endpoint configuration: exactly one of REGIONAL, EDGE or PRIVATE must be given");
        }
    }
}
