using Nimbus.ApiGateway.RestApis.Model;

namespace Nimbus.ApiGateway.RestApis.Service;

internal sealed partial class UsagePlanService
{
    /// <summary>UpdateUsagePlan's paths, as the API reference lists them.</summary>
    private static void PatchPlan(UsagePlan plan, PatchOperation op, string[] path)
    {
        switch (path)
        {
            case ["name"]:
                Patches.RequireSet(op);
                plan.Name = Patches.Text(op);
                break;
            case ["description"]:
                Patches.RequireSet(op, removable: true);
                plan.Description = Patches.OptionalText(op);
                break;
            case ["productCode"]:
                Patches.RequireSet(op, removable: true);
                plan.ProductCode = Patches.OptionalText(op);
                break;
            case ["throttle"] when op.Op == "remove":
                plan.Throttle = null;
                break;
            case ["throttle", var limit]:
                Patches.RequireSet(op);
                plan.Throttle = SetLimit(plan.Throttle ?? new ThrottleSettings(), op, limit);
                break;
            case ["quota"] when op.Op == "remove":
                plan.Quota = null;
                break;
            case ["quota", "limit"]:
                Patches.RequireSet(op);
                (plan.Quota ??= new QuotaSettings { Period = "DAY" }).Limit = Patches.Int(op);
                break;
            case ["quota", "period"]:
                Patches.RequireSet(op);
                (plan.Quota ??= new QuotaSettings { Limit = 0 }).Period = Patches.Text(op);
                break;
            case ["quota", "offset"]:
                Patches.RequireSet(op);
                (plan.Quota ??= new QuotaSettings { Period = "DAY", Limit = 0 }).Offset = Patches.Int(op);
                break;
            case ["apiStages"]:
                PatchApiStages(plan, op);
                break;
            case ["apiStages", var apiStage, "throttle", var resourcePath, var method, var limit]:
                Patches.RequireSet(op);
                var stage = StageOf(plan, apiStage, op);
                var key = resourcePath + "/" + method;
                (stage.Throttle ??= [])[key] = SetLimit(stage.Throttle.GetValueOrDefault(key) ?? new ThrottleSettings(), op, limit);
                break;
            case ["apiStages", var apiStage, "throttle", var resourcePath, var method] when op.Op == "remove":
                StageOf(plan, apiStage, op).Throttle?.Remove(resourcePath + "/" + method);
                break;
            default:
                throw Patches.InvalidPath(op);
        }
    }

    /// <summary><c>add</c>/<c>remove</c> <c>/apiStages</c> with the value <c>{apiId}:{stage}</c>.</summary>
    private static void PatchApiStages(UsagePlan plan, PatchOperation op)
    {
        var value = Patches.Text(op);
        var colon = value.IndexOf(':');
        if (colon <= 0)
        {
            throw RestErrors.BadRequest("Invalid API Stage specified: " + value + ". Expected {apiId}:{stage}");
        }
        var (apiId, stageName) = (value[..colon], value[(colon + 1)..]);
        plan.ApiStages ??= [];
        switch (op.Op)
        {
            case "add" when !plan.ApiStages.Any(s => s.ApiId == apiId && s.Stage == stageName):
                plan.ApiStages.Add(new UsagePlanStage { ApiId = apiId, Stage = stageName });
                break;
            case "add":
                break;
            case "remove":
                if (plan.ApiStages.RemoveAll(s => s.ApiId == apiId && s.Stage == stageName) == 0)
                {
                    throw RestErrors.NotFound("Invalid API Stage specified: " + value);
                }
                break;
            default:
                throw Patches.UnsupportedOp(op);
        }
    }

    private static UsagePlanStage StageOf(UsagePlan plan, string apiStage, PatchOperation op) =>
        plan.ApiStages?.FirstOrDefault(s => s.ApiId + ":" + s.Stage == apiStage) ?? throw Patches.InvalidPath(op);

    private static ThrottleSettings SetLimit(ThrottleSettings throttle, PatchOperation op, string limit)
    {
        switch (limit)
        {
            case "rateLimit":
                throttle.RateLimit = Patches.Double(op);
                break;
            case "burstLimit":
                throttle.BurstLimit = Patches.Int(op);
                break;
            default:
                throw Patches.InvalidPath(op);
        }
        return throttle;
    }
}
