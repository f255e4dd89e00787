namespace Nimbus.DynamoDb.Api;

/// <summary>
/// Operations of the dynamodb/2012-08-10 model that Nimbus does not serve yet: each answers a clean AWS-shaped
/// error instead of an unknown-operation guess (see docs/compatibility/dynamodb.md).
/// </summary>
internal static class NotImplementedOperations
{
    public static readonly string[] Names =
    [
        "CreateBackup", "CreateGlobalTable", "DeleteBackup", "DeleteResourcePolicy", "DescribeBackup",
        "DescribeContinuousBackups", "DescribeContributorInsights", "DescribeExport", "DescribeGlobalTable",
        "DescribeGlobalTableSettings", "DescribeImport", "DescribeKinesisStreamingDestination", "DescribeTableReplicaAutoScaling",
        "DisableKinesisStreamingDestination", "EnableKinesisStreamingDestination",
        "ExportTableToPointInTime", "GetResourcePolicy", "ImportTable", "ListBackups", "ListContributorInsights", "ListExports",
        "ListGlobalTables", "ListImports", "PutResourcePolicy", "RestoreTableFromBackup", "RestoreTableToPointInTime",
        "UpdateContinuousBackups", "UpdateContributorInsights", "UpdateGlobalTable", "UpdateGlobalTableSettings",
        "UpdateKinesisStreamingDestination", "UpdateTableReplicaAutoScaling",
    ];
}
