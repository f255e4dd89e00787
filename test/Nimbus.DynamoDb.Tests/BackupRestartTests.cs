using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Nimbus.DynamoDb.Tests;

/// <summary>
/// PITR, contributor insights, resource policies and backups are kept in the store: a restarted server still has them,
/// read here through the AWS SDK for .NET.
/// </summary>
public sealed class BackupRestartTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    [Fact]
    public async Task Settings_AndBackups_SurviveRestart()
    {
        var before = await server.Boto3.RunAsync(BackupScripts.With("""
            make_table("durable-settings")
            ddb.put_item(TableName="durable-settings", Item={"pk": {"S": "a"}, "sk": {"N": "1"}, "g": {"S": "x"}})
            ddb.update_continuous_backups(TableName="durable-settings", PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True, "RecoveryPeriodInDays": 9})
            ddb.update_contributor_insights(TableName="durable-settings", IndexName="by-g", ContributorInsightsAction="ENABLE")
            arn = ddb.describe_table(TableName="durable-settings")["Table"]["TableArn"]
            revision = ddb.put_resource_policy(ResourceArn=arn, Policy='{"Version": "2012-10-17", "Statement": []}')["RevisionId"]
            backup = ddb.create_backup(TableName="durable-settings", BackupName="kept")["BackupDetails"]["BackupArn"]
            print(json.dumps({"arn": arn, "revision": revision, "backup": backup}))
            """));
        await server.RestartAsync();

        using var client = DotNetSdkTests.ClientFor(server);
        var pitr = (await client.DescribeContinuousBackupsAsync(new DescribeContinuousBackupsRequest { TableName = "durable-settings" }))
            .ContinuousBackupsDescription.PointInTimeRecoveryDescription;
        Assert.Equal(PointInTimeRecoveryStatus.ENABLED, pitr.PointInTimeRecoveryStatus);
        Assert.Equal(9, pitr.RecoveryPeriodInDays);
        Assert.NotNull(pitr.EarliestRestorableDateTime);

        var insights = await client.DescribeContributorInsightsAsync(new DescribeContributorInsightsRequest { TableName = "durable-settings", IndexName = "by-g" });
        Assert.Equal(ContributorInsightsStatus.ENABLED, insights.ContributorInsightsStatus);
        Assert.Equal(ContributorInsightsStatus.DISABLED,
            (await client.DescribeContributorInsightsAsync(new DescribeContributorInsightsRequest { TableName = "durable-settings" })).ContributorInsightsStatus);

        var policy = await client.GetResourcePolicyAsync(new GetResourcePolicyRequest { ResourceArn = before.GetProperty("arn").GetString() });
        Assert.Equal(before.GetProperty("revision").GetString(), policy.RevisionId);

        var backupArn = before.GetProperty("backup").GetString()!;
        var backup = await client.DescribeBackupAsync(new DescribeBackupRequest { BackupArn = backupArn });
        Assert.Equal(BackupStatus.AVAILABLE, backup.BackupDescription.BackupDetails.BackupStatus);
        Assert.Equal(1, backup.BackupDescription.SourceTableDetails.ItemCount);

        var restored = await client.RestoreTableFromBackupAsync(new RestoreTableFromBackupRequest { BackupArn = backupArn, TargetTableName = "durable-restored" });
        Assert.Equal(backupArn, restored.TableDescription.RestoreSummary.SourceBackupArn);
        var query = await client.QueryAsync(new QueryRequest
        {
            TableName = "durable-restored",
            IndexName = "by-g",
            KeyConditionExpression = "g = :g",
            ExpressionAttributeValues = new() { [":g"] = new AttributeValue { S = "x" } },
        });
        Assert.Equal("a", Assert.Single(query.Items)["pk"].S);

        var missing = await Assert.ThrowsAsync<BackupNotFoundException>(() =>
            client.DescribeBackupAsync(new DescribeBackupRequest { BackupArn = backupArn[..^8] + "00000000" }));
        Assert.StartsWith("Backup not found: ", missing.Message, StringComparison.Ordinal);
        var noTable = await Assert.ThrowsAsync<TableNotFoundException>(() =>
            client.DescribeContinuousBackupsAsync(new DescribeContinuousBackupsRequest { TableName = "not-there" }));
        Assert.Equal("Table not found: not-there", noTable.Message);
        await Assert.ThrowsAsync<TableAlreadyExistsException>(() =>
            client.RestoreTableFromBackupAsync(new RestoreTableFromBackupRequest { BackupArn = backupArn, TargetTableName = "durable-settings" }));
        var listed = await client.ListBackupsAsync(new ListBackupsRequest { TableName = "durable-settings" });
        Assert.Equal(backupArn, Assert.Single(listed.BackupSummaries).BackupArn);
    }
}
