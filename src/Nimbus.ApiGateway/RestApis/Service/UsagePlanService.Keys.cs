using Nimbus.ApiGateway.RestApis.Api;
using Nimbus.ApiGateway.RestApis.Model;
using Nimbus.Core;

namespace Nimbus.ApiGateway.RestApis.Service;

internal sealed partial class UsagePlanService
{
    public ApiKey CreateApiKey(AwsScope scope, CreateApiKeyInput input)
    {
        if (input.Value is { Length: < 20 or > 128 })
        {
            throw RestErrors.BadRequest("API Key value should be at least 20 characters");
        }
        var stageKeys = new List<string>();
        foreach (var stageKey in input.StageKeys ?? [])
        {
            stageKeys.Add(CheckStageKey(scope, stageKey.RestApiId + "/" + stageKey.StageName));
        }
        var now = Now();
        var key = new ApiKey
        {
            Id = RestIds.New(10),
            Value = input.Value ?? RestIds.KeyValue(),
            Name = input.Name ?? "",
            CustomerId = input.CustomerId,
            Description = input.Description,
            // The model's default: a key is created disabled unless asked otherwise.
            Enabled = input.Enabled ?? false,
            CreatedDate = now,
            LastUpdatedDate = now,
            StageKeys = stageKeys,
            Tags = input.Tags ?? [],
        };
        lock (_gate)
        {
            if (_keys.Values.Any(k => k.Key.Value == key.Value))
            {
                throw RestErrors.Conflict("API Key already exists");
            }
            var document = new ApiKeyDocument { AccountId = scope.AccountId, Region = scope.Region, Key = key };
            _store.SaveApiKey(document);
            _keys[key.Id] = document;
        }
        return key;
    }

    public ApiKey GetApiKey(AwsScope scope, string keyId, bool includeValue) => Shown(FindKey(scope, keyId).Key, includeValue);

    public IReadOnlyList<ApiKey> GetApiKeys(AwsScope scope, string? nameQuery, string? customerId, bool includeValues) =>
        [.. _keys.Values.Where(k => k.AccountId == scope.AccountId && k.Region == scope.Region).Select(k => k.Key)
            .Where(k => nameQuery is null || (k.Name ?? "").StartsWith(nameQuery, StringComparison.Ordinal))
            .Where(k => customerId is null || k.CustomerId == customerId)
            .OrderBy(k => k.CreatedDate).ThenBy(k => k.Id, StringComparer.Ordinal).Select(k => Shown(k, includeValues))];

    public ApiKey UpdateApiKey(AwsScope scope, string keyId, List<PatchOperation>? operations)
    {
        lock (_gate)
        {
            var document = Copy(FindKey(scope, keyId), RestJsonContext.Default.ApiKeyDocument);
            var key = document.Key;
            Patches.Apply(operations, (op, path) =>
            {
                switch (path)
                {
                    case ["name"]:
                        Patches.RequireSet(op);
                        key.Name = Patches.Text(op);
                        break;
                    case ["description"]:
                        Patches.RequireSet(op, removable: true);
                        key.Description = Patches.OptionalText(op);
                        break;
                    case ["customerId"]:
                        Patches.RequireSet(op, removable: true);
                        key.CustomerId = Patches.OptionalText(op);
                        break;
                    case ["enabled"]:
                        Patches.RequireSet(op);
                        key.Enabled = Patches.Bool(op);
                        break;
                    case ["stages"] when op.Op == "add":
                        var stageKey = CheckStageKey(scope, Patches.Text(op));
                        if (!(key.StageKeys ??= []).Contains(stageKey))
                        {
                            key.StageKeys.Add(stageKey);
                        }
                        break;
                    case ["stages"] when op.Op == "remove":
                        key.StageKeys?.Remove(Patches.Text(op));
                        break;
                    default:
                        throw Patches.InvalidPath(op);
                }
            });
            key.LastUpdatedDate = Now();
            _store.SaveApiKey(document);
            _keys[keyId] = document;
            return Shown(key, includeValue: false);
        }
    }

    public void DeleteApiKey(AwsScope scope, string keyId)
    {
        lock (_gate)
        {
            FindKey(scope, keyId);
            foreach (var plan in _plans.Values.Where(p => p.KeyIds.Contains(keyId)).ToList())
            {
                var copy = Copy(plan, RestJsonContext.Default.UsagePlanDocument);
                copy.KeyIds.Remove(keyId);
                _store.SaveUsagePlan(copy);
                _plans[copy.Plan.Id!] = copy;
            }
            _store.DeleteApiKey(keyId);
            _keys.TryRemove(keyId, out _);
        }
    }

    /// <summary>Keys show their value only when asked (<c>includeValue</c>), as AWS does.</summary>
    private static ApiKey Shown(ApiKey key, bool includeValue) => includeValue ? key : new ApiKey
    {
        Id = key.Id, Name = key.Name, CustomerId = key.CustomerId, Description = key.Description, Enabled = key.Enabled,
        CreatedDate = key.CreatedDate, LastUpdatedDate = key.LastUpdatedDate, StageKeys = key.StageKeys, Tags = key.Tags,
    };

    /// <summary>A stage key <c>{restApiId}/{stageName}</c> must name an existing stage.</summary>
    private string CheckStageKey(AwsScope scope, string stageKey)
    {
        var slash = stageKey.IndexOf('/');
        if (slash <= 0 || !_apis.Exists(scope, stageKey[..slash]) || _apis.FindForDataPlane(stageKey[..slash])!.Stages.ContainsKey(stageKey[(slash + 1)..]) != true)
        {
            throw RestErrors.BadRequest("Invalid stage key provided: " + stageKey);
        }
        return stageKey;
    }
}
