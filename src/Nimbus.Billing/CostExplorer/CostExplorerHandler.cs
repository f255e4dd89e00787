using Nimbus.Billing.Reports;
using Nimbus.Core;
using Nimbus.Protocol;
using Nimbus.Protocol.Documents;
using Nimbus.Protocol.Rpc;

namespace Nimbus.Billing.CostExplorer;

/// <summary>
/// AWS Cost Explorer on the edge (signing name <c>ce</c>, awsJson 1.1, <c>X-Amz-Target: AWSInsightsIndexService.*</c>):
/// GetCostAndUsage and GetCostForecast over Nimbus's bill; the model's other operations answer 501.
/// </summary>
internal sealed class CostExplorerHandler : IAwsServiceHandler
{
    public const string TargetPrefix = "AWSInsightsIndexService";

    private static readonly HashSet<string> NotImplemented = new(StringComparer.Ordinal)
    {
        "CreateAnomalyMonitor", "CreateAnomalySubscription", "CreateCostCategoryDefinition", "DeleteAnomalyMonitor", "DeleteAnomalySubscription",
        "DeleteCostCategoryDefinition", "DescribeCostCategoryDefinition", "GetAnomalies", "GetAnomalyMonitors", "GetAnomalySubscriptions",
        "GetApproximateUsageRecords", "GetCommitmentPurchaseAnalysis", "GetCostAndUsageComparisons", "GetCostAndUsageWithResources",
        "GetCostCategories", "GetCostComparisonDrivers", "GetDimensionValues", "GetReservationCoverage", "GetReservationPurchaseRecommendation",
        "GetReservationUtilization", "GetRightsizingRecommendation", "GetSavingsPlanPurchaseRecommendationDetails", "GetSavingsPlansCoverage",
        "GetSavingsPlansPurchaseRecommendation", "GetSavingsPlansUtilization", "GetSavingsPlansUtilizationDetails", "GetTags", "GetUsageForecast",
        "ListCommitmentPurchaseAnalyses", "ListCostAllocationTagBackfillHistory", "ListCostAllocationTags", "ListCostCategoryDefinitions",
        "ListCostCategoryResourceAssociations", "ListSavingsPlansPurchaseRecommendationGeneration", "ListTagsForResource", "ProvideAnomalyFeedback",
        "StartCommitmentPurchaseAnalysis", "StartCostAllocationTagBackfill", "StartSavingsPlansPurchaseRecommendationGeneration", "TagResource",
        "UntagResource", "UpdateAnomalyMonitor", "UpdateAnomalySubscription", "UpdateCostAllocationTagsStatus", "UpdateCostCategoryDefinition",
    };

    private readonly CostExplorerService _service;
    private readonly CostsEndpoint _costs;
    private readonly TimeProvider _time;

    public CostExplorerHandler(CostExplorerService service, CostsEndpoint costs, TimeProvider time)
    {
        _service = service;
        _costs = costs;
        _time = time;
    }

    public AwsServiceDescriptor Descriptor { get; } = new("ce", AwsProtocol.Json) { TargetPrefixes = [TargetPrefix] };

    public async Task HandleAsync(AwsRequestContext request)
    {
        RpcRequest rpc;
        try
        {
            rpc = await RpcExchange.ReadAsync(request, Descriptor, 1024 * 1024, () => CostExplorerErrors.Validation("The request is too large."));
        }
        catch (WireFormatException exception)
        {
            throw new AwsServiceException("SerializationException", 400, exception.Message);
        }
        await _costs.UsageSettledAsync(request.Http.RequestAborted);
        WireValue output;
        try
        {
            output = rpc.Operation switch
            {
                "GetCostAndUsage" => GetCostAndUsageOperation.Invoke(_service, request.Scope, rpc.Input),
                "GetCostForecast" => GetCostForecastOperation.Invoke(_service, CurrentMonth, _time, request.Scope, rpc.Input),
                var name when NotImplemented.Contains(name) => throw CostExplorerErrors.NotImplemented(name),
                var name => throw CostExplorerErrors.UnknownOperation(name),
            };
        }
        catch (WireFormatException exception)
        {
            throw CostExplorerErrors.Validation(exception.Message);
        }
        await RpcExchange.WriteAsync(request, rpc, output, "");
    }

    private CostReport CurrentMonth(AwsScope scope)
    {
        var now = _time.GetUtcNow();
        return _costs.Report(now.Year, now.Month, scope.AccountId);
    }
}
