using Nimbus.ApiGateway.RestApis.Model;

namespace Nimbus.ApiGateway.RestApis.Api;

/// <summary>Usage plans, the keys in them, and GetUsage.</summary>
internal static class UsagePlanOperations
{
    private static RestJsonContext Json => RestJsonContext.Default;

    private static string PlanId(RestCall call) => call.Label("usageplanId");

    public static async Task CreateAsync(RestCall call)
    {
        var input = await call.ReadJsonAsync(Json.UsagePlan);
        await call.WriteJsonAsync(201, call.Plans.CreateUsagePlan(call.Scope, input), Json.UsagePlan);
    }

    public static Task GetAsync(RestCall call) => call.WriteJsonAsync(200, call.Plans.GetUsagePlan(call.Scope, PlanId(call)), Json.UsagePlan);

    public static Task ListAsync(RestCall call) => call.WritePageAsync(call.Plans.GetUsagePlans(call.Scope, call.Query("keyId")), Json.RestPageUsagePlan);

    public static async Task UpdateAsync(RestCall call)
    {
        var patch = await call.ReadPatchAsync();
        await call.WriteJsonAsync(200, call.Plans.UpdateUsagePlan(call.Scope, PlanId(call), patch), Json.UsagePlan);
    }

    public static Task DeleteAsync(RestCall call)
    {
        call.Plans.DeleteUsagePlan(call.Scope, PlanId(call));
        return call.WriteEmptyAsync(202);
    }

    public static async Task CreateKeyAsync(RestCall call)
    {
        var input = await call.ReadJsonAsync(Json.UsagePlanKey);
        await call.WriteJsonAsync(201, call.Plans.CreateUsagePlanKey(call.Scope, PlanId(call), input.KeyId, input.KeyType), Json.UsagePlanKey);
    }

    public static Task GetKeyAsync(RestCall call) =>
        call.WriteJsonAsync(200, call.Plans.GetUsagePlanKey(call.Scope, PlanId(call), call.Label("keyId")), Json.UsagePlanKey);

    public static Task ListKeysAsync(RestCall call) =>
        call.WritePageAsync(call.Plans.GetUsagePlanKeys(call.Scope, PlanId(call), call.Query("name")), Json.RestPageUsagePlanKey);

    public static Task DeleteKeyAsync(RestCall call)
    {
        call.Plans.DeleteUsagePlanKey(call.Scope, PlanId(call), call.Label("keyId"));
        return call.WriteEmptyAsync(202);
    }

    public static Task GetUsageAsync(RestCall call)
    {
        var usage = call.Plans.GetUsage(call.Scope, PlanId(call), call.Query("keyId"), call.Query("startDate"), call.Query("endDate"));
        return call.WriteJsonAsync(200, usage, Json.UsageReport);
    }
}
