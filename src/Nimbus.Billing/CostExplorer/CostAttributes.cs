namespace Nimbus.Billing.CostExplorer;

/// <summary>What a cost row can be filtered and grouped by: Cost Explorer's dimensions (the service by AWS's name) and the resource's tags.</summary>
public sealed record CostAttributes(CostRow Row, IReadOnlyDictionary<string, string> Tags, string ServiceName)
{
    /// <summary>The dimensions Nimbus can answer from its usage records.</summary>
    public static readonly IReadOnlyList<string> Dimensions = ["SERVICE", "USAGE_TYPE", "LINKED_ACCOUNT", "RECORD_TYPE", "REGION"];

    public static void ValidateDimension(string key)
    {
        if (!Dimensions.Contains(key))
        {
            throw CostExplorerErrors.Validation($"Dimension {key} is not supported by Nimbus; supported: {string.Join(", ", Dimensions)}.");
        }
    }

    /// <summary>
    /// A dimension's value. Usage records carry no region: Nimbus bills its one region's prices (us-east-1), so
    /// REGION is that; RECORD_TYPE is always <c>Usage</c> (no credits, refunds or taxes).
    /// </summary>
    public string Dimension(string key) => key switch
    {
        "SERVICE" => ServiceName,
        "USAGE_TYPE" => Row.UsageType,
        "LINKED_ACCOUNT" => Row.AccountId,
        "RECORD_TYPE" => "Usage",
        "REGION" => "us-east-1",
        _ => "",
    };
}
