namespace Nimbus.Billing.CostExplorer;

/// <summary>The <c>SERVICE</c> dimension values Cost Explorer shows for the services Nimbus meters.</summary>
public static class ServiceNames
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["lambda"] = "AWS Lambda",
        ["s3"] = "Amazon Simple Storage Service",
        ["dynamodb"] = "Amazon DynamoDB",
        ["apigateway"] = "Amazon API Gateway",
        ["events"] = "Amazon EventBridge",
        ["scheduler"] = "Amazon EventBridge",
        ["logs"] = "AmazonCloudWatch",
        ["monitoring"] = "AmazonCloudWatch",
        ["batch"] = "AWS Batch",
    };

    /// <summary>AWS's name for a usage record's service; a service Nimbus does not know keeps its own name.</summary>
    public static string Of(string service) => Names.GetValueOrDefault(service, service);
}
