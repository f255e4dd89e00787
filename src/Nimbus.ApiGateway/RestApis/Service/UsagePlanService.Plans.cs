using Nimbus.ApiGateway.RestApis.Api;
using Nimbus.ApiGateway.RestApis.Model;
using Nimbus.Core;

namespace Nimbus.ApiGateway.RestApis.Service;

internal sealed partial class UsagePlanService
{
    public UsagePlan CreateUsagePlan(AwsScope scope, UsagePlan input)
    {
        if (string.IsNullOrEmpty(input.Name))
        {
            throw RestErrors.Required("name");
        }
        var plan = new UsagePlan
        {
            Id = RestIds.New(6),
            Name = input.Name,
            Description = input.Description,
            ApiStages = input.ApiStages ?? [],
            Throttle = input.Throttle,
            Quota = input.Quota,
            Tags = input.Tags ?? [],
        };
        Check(scope, plan);
        lock (_gate)
        {
            var document = new UsagePlanDocument { AccountId = scope.AccountId, Region = scope.Region, Plan = plan };
            _store.SaveUsagePlan(document);
            _plans[plan.Id] = document;
        }
        return plan;
    }

    public UsagePlan GetUsagePlan(AwsScope scope, string planId) => FindPlan(scope, planId).Plan;

    public IReadOnlyList<UsagePlan> GetUsagePlans(AwsScope scope, string? keyId) =>
        [.. _plans.Values.Where(p => p.AccountId == scope.AccountId && p.Region == scope.Region && (keyId is null || p.KeyIds.Contains(keyId)))
            .Select(p => p.Plan).OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Id, StringComparer.Ordinal)];

    public UsagePlan UpdateUsagePlan(AwsScope scope, string planId, List<PatchOperation>? operations)
    {
        lock (_gate)
        {
            var document = Copy(FindPlan(scope, planId), RestJsonContext.Default.UsagePlanDocument);
            var plan = document.Plan;
            Patches.Apply(operations, (op, path) => PatchPlan(plan, op, path));
            Check(scope, plan);
            _store.SaveUsagePlan(document);
            _plans[planId] = document;
            return plan;
        }
    }

    public void DeleteUsagePlan(AwsScope scope, string planId)
    {
        lock (_gate)
        {
            FindPlan(scope, planId);
            _store.DeleteUsagePlan(planId);
            _plans.TryRemove(planId, out _);
        }
    }

    public UsagePlanKey CreateUsagePlanKey(AwsScope scope, string planId, string? keyId, string? keyType)
    {
        if (string.IsNullOrEmpty(keyId))
        {
            throw RestErrors.Required("keyId");
        }
        if (keyType != "API_KEY")
        {
            throw RestErrors.BadRequest("Invalid key type specified: " + keyType + ". The only key type is API_KEY");
        }
        lock (_gate)
        {
            var document = Copy(FindPlan(scope, planId), RestJsonContext.Default.UsagePlanDocument);
            var key = FindKey(scope, keyId).Key;
            if (document.KeyIds.Contains(keyId))
            {
                throw RestErrors.Conflict("Usage Plan Key already exists");
            }
            var stages = document.Plan.ApiStages ?? [];
            if (_plans.Values.FirstOrDefault(p => p.KeyIds.Contains(keyId) && p.Plan.ApiStages?.Any(s => stages.Any(t => t.ApiId == s.ApiId && t.Stage == s.Stage)) == true) is { } other)
            {
                throw RestErrors.Conflict($"Usage Plan {planId} cannot be added because API Key {keyId} cannot reference multiple Usage Plans with the same API Stage (in {other.Plan.Id})");
            }
            document.KeyIds.Add(keyId);
            _store.SaveUsagePlan(document);
            _plans[planId] = document;
            return PlanKey(key);
        }
    }

    public UsagePlanKey GetUsagePlanKey(AwsScope scope, string planId, string keyId)
    {
        var plan = FindPlan(scope, planId);
        return plan.KeyIds.Contains(keyId) && _keys.TryGetValue(keyId, out var key) ? PlanKey(key.Key) : throw RestErrors.UsagePlanKeyNotFound();
    }

    public IReadOnlyList<UsagePlanKey> GetUsagePlanKeys(AwsScope scope, string planId, string? nameQuery) =>
        [.. FindPlan(scope, planId).KeyIds.Select(id => _keys.GetValueOrDefault(id)).Where(k => k is not null)
            .Select(k => PlanKey(k!.Key)).Where(k => nameQuery is null || (k.Name ?? "").StartsWith(nameQuery, StringComparison.Ordinal))];

    public void DeleteUsagePlanKey(AwsScope scope, string planId, string keyId)
    {
        lock (_gate)
        {
            var document = Copy(FindPlan(scope, planId), RestJsonContext.Default.UsagePlanDocument);
            if (!document.KeyIds.Remove(keyId))
            {
                throw RestErrors.UsagePlanKeyNotFound();
            }
            _store.SaveUsagePlan(document);
            _plans[planId] = document;
        }
    }

    /// <summary>GetUsage: per key of the plan (or the one asked for), one <c>[used, remaining]</c> pair per UTC day.</summary>
    public UsageReport GetUsage(AwsScope scope, string planId, string? keyId, string? startDate, string? endDate)
    {
        var plan = FindPlan(scope, planId);
        if (!DateOnly.TryParseExact(startDate, "yyyy-MM-dd", out var start) || !DateOnly.TryParseExact(endDate, "yyyy-MM-dd", out var end))
        {
            throw RestErrors.BadRequest("Invalid date format: startDate and endDate must be yyyy-MM-dd");
        }
        if (end < start)
        {
            throw RestErrors.BadRequest("The start date must be before the end date");
        }
        if (end.DayNumber - start.DayNumber > 90)
        {
            throw RestErrors.BadRequest("The usage data range can be at most 90 days");
        }
        var keys = keyId is null ? plan.KeyIds : plan.KeyIds.Where(k => k == keyId).ToList();
        var values = new Dictionary<string, List<List<long>>>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            values[key] = [.. Enumerable.Range(0, end.DayNumber - start.DayNumber + 1).Select(i => start.AddDays(i))
                .Select(day => new List<long> { _usage.Used(planId, key, day), Remaining(plan.Plan, key, day) })];
        }
        return new UsageReport { UsagePlanId = planId, StartDate = startDate, EndDate = endDate, Items = values };
    }

    /// <summary>What the key had left of its quota at the end of <paramref name="day"/> (0 without a quota).</summary>
    private long Remaining(UsagePlan plan, string keyId, DateOnly day) =>
        plan.Quota is { Limit: { } limit } quota
            ? Math.Max(0, limit - _usage.UsedInPeriod(plan.Id!, keyId, QuotaPeriods.Start(quota, day), day))
            : 0;

    private static UsagePlanKey PlanKey(ApiKey key) => new() { Id = key.Id, Type = "API_KEY", Value = key.Value, Name = key.Name };

    private void Check(AwsScope scope, UsagePlan plan)
    {
        foreach (var stage in plan.ApiStages ?? [])
        {
            if (stage.ApiId is null || stage.Stage is null || !StageExists(scope, stage.ApiId, stage.Stage))
            {
                throw RestErrors.BadRequest($"Invalid API Stage {{api: {stage.ApiId}, stage: {stage.Stage}}} specified for usageplan {plan.Id}");
            }
            foreach (var throttle in stage.Throttle?.Values ?? Enumerable.Empty<ThrottleSettings>())
            {
                CheckThrottle(throttle);
            }
        }
        CheckThrottle(plan.Throttle);
        if (plan.Quota is { } quota)
        {
            QuotaPeriods.Check(quota);
        }
    }

    private static void CheckThrottle(ThrottleSettings? throttle)
    {
        if (throttle?.RateLimit is < 0 || throttle?.BurstLimit is < 0)
        {
            throw RestErrors.BadRequest("Throttle rate and burst limits must be non-negative");
        }
    }
}
