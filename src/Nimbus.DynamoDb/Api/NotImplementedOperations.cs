namespace Nimbus.DynamoDb.Api;

/// <summary>
/// Operations of the dynamodb/2012-08-10 model that Nimbus does not serve yet: each answers a clean AWS-shaped
/// error instead of an unknown-operation guess (see docs/compatibility/dynamodb.md).
/// </summary>
internal static class NotImplementedOperations
{
    public static readonly string[] Names =
    [
        "CreateGlobalTable", "DescribeExport", "DescribeGlobalTable", "DescribeGlobalTableSettings", "DescribeImport",
        "DescribeKinesisStreamingDestination", "DescribeTableReplicaAutoScaling", "DisableKinesisStreamingDestination",
        "EnableKinesisStreamingDestination", "ExportTableToPointInTime", "ImportTable", "ListExports",
        "ListGlobalTables", "ListImports", "RestoreTableToPointInTime", "UpdateGlobalTable",
        "UpdateGlobalTableSettings", "UpdateKinesisStreamingDestination", "UpdateTableReplicaAutoScaling",
    ];
}
