using System.Text.Json;

namespace Nimbus.DynamoDb.Tests;

/// <summary>DescribeContinuousBackups / UpdateContinuousBackups through boto3 and the AWS CLI.</summary>
public sealed class ContinuousBackupsTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    [Fact]
    public async Task PointInTimeRecovery_DisabledByDefault_EnabledWithPeriod_Disabled()
    {
        var result = await server.Boto3.RunAsync(BackupScripts.With("""
            make_table("pitr")
            before = ddb.describe_continuous_backups(TableName="pitr")["ContinuousBackupsDescription"]
            t0 = time.time()
            on = ddb.update_continuous_backups(TableName="pitr", PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True})["ContinuousBackupsDescription"]
            seven = ddb.update_continuous_backups(TableName="pitr", PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True, "RecoveryPeriodInDays": 7})
            arn = ddb.describe_table(TableName="pitr")["Table"]["TableArn"]
            described = ddb.describe_continuous_backups(TableName=arn)["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]
            off = ddb.update_continuous_backups(TableName="pitr", PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": False})["ContinuousBackupsDescription"]
            pitr = on["PointInTimeRecoveryDescription"]
            print(json.dumps({"before": before, "onKeys": sorted(pitr.keys()), "onStatus": on["ContinuousBackupsStatus"], "period": pitr["RecoveryPeriodInDays"],
                "earliestNotBeforeEnable": pitr["EarliestRestorableDateTime"].timestamp() >= t0 - 2,
                "latestNotBeforeEarliest": pitr["LatestRestorableDateTime"] >= pitr["EarliestRestorableDateTime"],
                "seven": seven["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]["RecoveryPeriodInDays"],
                "described": [described["PointInTimeRecoveryStatus"], described["RecoveryPeriodInDays"]],
                "earliestKept": described["EarliestRestorableDateTime"] == pitr["EarliestRestorableDateTime"], "off": off}))
            """));
        var disabled = """{"ContinuousBackupsStatus":"ENABLED","PointInTimeRecoveryDescription":{"PointInTimeRecoveryStatus":"DISABLED"}}""";
        Assert.Equal(disabled, Compact(result, "before"));
        Assert.Equal(["EarliestRestorableDateTime", "LatestRestorableDateTime", "PointInTimeRecoveryStatus", "RecoveryPeriodInDays"],
            result.GetProperty("onKeys").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal("ENABLED", result.GetProperty("onStatus").GetString());
        Assert.Equal(35, result.GetProperty("period").GetInt32());
        Assert.True(result.GetProperty("earliestNotBeforeEnable").GetBoolean());
        Assert.True(result.GetProperty("latestNotBeforeEarliest").GetBoolean());
        Assert.Equal(7, result.GetProperty("seven").GetInt32());
        Assert.Equal("""["ENABLED",7]""", Compact(result, "described"));
        Assert.True(result.GetProperty("earliestKept").GetBoolean());
        Assert.Equal(disabled, Compact(result, "off"));
    }

    [Fact]
    public async Task ContinuousBackups_Errors()
    {
        var result = await server.Boto3.RunAsync(BackupScripts.With("""
            make_table("pitr-errors")
            spec = lambda **kw: {"PointInTimeRecoveryEnabled": True, **kw}
            print(json.dumps({
                "describeMissing": err(lambda: ddb.describe_continuous_backups(TableName="nope")),
                "updateMissing": err(lambda: ddb.update_continuous_backups(TableName="nope", PointInTimeRecoverySpecification=spec())),
                "zero": err(lambda: ddb.update_continuous_backups(TableName="pitr-errors", PointInTimeRecoverySpecification=spec(RecoveryPeriodInDays=0))),
                "big": err(lambda: ddb.update_continuous_backups(TableName="pitr-errors", PointInTimeRecoverySpecification=spec(RecoveryPeriodInDays=36))),
                "periodWhenDisabling": err(lambda: ddb.update_continuous_backups(TableName="pitr-errors",
                    PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": False, "RecoveryPeriodInDays": 5})),
                "status": ddb.describe_continuous_backups(TableName="pitr-errors")["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"],
            }))
            """));
        Assert.Equal("""["TableNotFoundException",400,"Table not found: nope"]""", Compact(result, "describeMissing"));
        Assert.Equal("""["TableNotFoundException",400,"Table not found: nope"]""", Compact(result, "updateMissing"));
        Assert.Equal("""["ValidationException",400,"1 validation error detected: Value '0' at 'pointInTimeRecoverySpecification.recoveryPeriodInDays' failed to satisfy constraint: Member must have value greater than or equal to 1"]""", Compact(result, "zero"));
        Assert.Equal("""["ValidationException",400,"1 validation error detected: Value '36' at 'pointInTimeRecoverySpecification.recoveryPeriodInDays' failed to satisfy constraint: Member must have value less than or equal to 35"]""", Compact(result, "big"));
        Assert.StartsWith("""["ValidationException",400,""", Compact(result, "periodWhenDisabling"), StringComparison.Ordinal);
        Assert.Equal("DISABLED", result.GetProperty("status").GetString());
    }

    [Fact]
    public async Task AwsCli_UpdateAndDescribe()
    {
        await server.Boto3.RunAsync(BackupScripts.With("""
            make_table("pitr-cli")
            print("{}")
            """));
        var updated = await server.Cli.JsonAsync("dynamodb", "update-continuous-backups", "--table-name", "pitr-cli",
            "--point-in-time-recovery-specification", "PointInTimeRecoveryEnabled=true,RecoveryPeriodInDays=14");
        Assert.Equal(14, updated.GetProperty("ContinuousBackupsDescription").GetProperty("PointInTimeRecoveryDescription").GetProperty("RecoveryPeriodInDays").GetInt32());
        var described = await server.Cli.JsonAsync("dynamodb", "describe-continuous-backups", "--table-name", "pitr-cli");
        Assert.Equal("ENABLED", described.GetProperty("ContinuousBackupsDescription").GetProperty("PointInTimeRecoveryDescription").GetProperty("PointInTimeRecoveryStatus").GetString());
        var message = await server.Cli.FailsWithAsync("TableNotFoundException", "dynamodb", "describe-continuous-backups", "--table-name", "missing-table");
        Assert.Contains("Table not found: missing-table", message);
    }

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A member of the script's output as compact JSON, quotes and apostrophes unescaped.</summary>
    internal static string Compact(JsonElement result, string name) => JsonSerializer.Serialize(result.GetProperty(name), Relaxed);
}
