using static Nimbus.DynamoDb.Tests.ContinuousBackupsTests;

namespace Nimbus.DynamoDb.Tests;

/// <summary>CreateBackup, DescribeBackup, ListBackups, DeleteBackup and RestoreTableFromBackup through boto3.</summary>
public sealed class BackupTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    [Fact]
    public async Task Backup_KeepsItsItems_AfterChangesAndTableDeletion_AndRestoresTablesWithIndexes()
    {
        var result = await server.Boto3.RunAsync(BackupScripts.With("""
            make_table("orders")
            for i in range(5):
                ddb.put_item(TableName="orders", Item={"pk": {"S": "p"}, "sk": {"N": str(i)}, "g": {"S": "even" if i % 2 == 0 else "odd"},
                    "l": {"S": "l" + str(i)}, "v": {"S": "v" + str(i)}, "other": {"S": "x"}})
            source = ddb.describe_table(TableName="orders")["Table"]
            created = ddb.create_backup(TableName="orders", BackupName="orders.backup-1")["BackupDetails"]
            arn = created["BackupArn"]
            # Changes after the backup must not reach it.
            ddb.put_item(TableName="orders", Item={"pk": {"S": "p"}, "sk": {"N": "0"}, "g": {"S": "changed"}})
            ddb.delete_item(TableName="orders", Key={"pk": {"S": "p"}, "sk": {"N": "1"}})
            ddb.put_item(TableName="orders", Item={"pk": {"S": "p"}, "sk": {"N": "99"}, "g": {"S": "even"}})
            ddb.delete_table(TableName="orders")
            described = ddb.describe_backup(BackupArn=arn)["BackupDescription"]
            restored = ddb.restore_table_from_backup(TargetTableName="orders-restored", BackupArn=arn)["TableDescription"]
            table = ddb.describe_table(TableName="orders-restored")["Table"]
            items = ddb.scan(TableName="orders-restored", ConsistentRead=True)["Items"]
            even = ddb.query(TableName="orders-restored", IndexName="by-g", KeyConditionExpression="g = :g", ExpressionAttributeValues={":g": {"S": "even"}})["Items"]
            local = ddb.query(TableName="orders-restored", IndexName="by-l", KeyConditionExpression="pk = :p AND l >= :l",
                ExpressionAttributeValues={":p": {"S": "p"}, ":l": {"S": "l3"}})["Items"]
            shape = lambda t: {k: t.get(k) for k in ["KeySchema", "AttributeDefinitions", "BillingModeSummary"]}
            index_shape = lambda t, m: [{k: i[k] for k in ["IndexName", "KeySchema", "Projection"]} for i in t.get(m, [])]
            # The restored table is a table like any other: writes land in it and its indexes.
            ddb.put_item(TableName="orders-restored", Item={"pk": {"S": "q"}, "sk": {"N": "1"}, "g": {"S": "even"}})
            print(json.dumps({
                "createdKeys": sorted(created.keys()), "status": created["BackupStatus"], "type": created["BackupType"], "name": created["BackupName"],
                "arn": arn, "sourceArn": source["TableArn"], "size": created["BackupSizeBytes"], "sourceSize": source["TableSizeBytes"],
                "describedKeys": sorted(described.keys()), "sourceDetails": {k: str(v) for k, v in described["SourceTableDetails"].items()},
                "features": sorted(described["SourceTableFeatureDetails"].keys()),
                "featureGsi": described["SourceTableFeatureDetails"]["GlobalSecondaryIndexes"][0]["Projection"],
                "restoredStatus": restored["TableStatus"], "restoreSummary": {k: str(v) for k, v in restored["RestoreSummary"].items()},
                "describedRestore": table["RestoreSummary"]["RestoreInProgress"], "describedStatus": table["TableStatus"],
                "sameShape": shape(table) == shape(source), "sameGsi": index_shape(table, "GlobalSecondaryIndexes") == index_shape(source, "GlobalSecondaryIndexes"),
                "sameLsi": index_shape(table, "LocalSecondaryIndexes") == index_shape(source, "LocalSecondaryIndexes"),
                "items": sorted([[i["sk"]["N"], i["g"]["S"]] for i in items]), "count": table["ItemCount"], "tableSize": table["TableSizeBytes"],
                "gsiCount": table["GlobalSecondaryIndexes"][0]["ItemCount"],
                "even": [[i["sk"]["N"], sorted(i.keys())] for i in even], "local": [i["sk"]["N"] for i in local],
                "evenAfterWrite": ddb.query(TableName="orders-restored", IndexName="by-g", KeyConditionExpression="g = :g",
                    ExpressionAttributeValues={":g": {"S": "even"}}, Select="COUNT")["Count"],
            }))
            """));
        var arn = result.GetProperty("arn").GetString()!;
        Assert.Matches(@"^arn:aws:dynamodb:us-east-1:\d{12}:table/orders/backup/\d{14}-[0-9a-f]{8}$", arn);
        Assert.StartsWith(result.GetProperty("sourceArn").GetString() + "/backup/", arn, StringComparison.Ordinal);
        Assert.Equal("""["BackupArn","BackupCreationDateTime","BackupName","BackupSizeBytes","BackupStatus","BackupType"]""", Compact(result, "createdKeys"));
        Assert.Equal("AVAILABLE", result.GetProperty("status").GetString());
        Assert.Equal("USER", result.GetProperty("type").GetString());
        Assert.Equal("orders.backup-1", result.GetProperty("name").GetString());
        Assert.True(result.GetProperty("size").GetInt64() > 0);
        Assert.Equal(result.GetProperty("sourceSize").GetInt64(), result.GetProperty("size").GetInt64());
        Assert.Equal("""["BackupDetails","SourceTableDetails","SourceTableFeatureDetails"]""", Compact(result, "describedKeys"));
        var details = result.GetProperty("sourceDetails");
        Assert.Equal("orders", details.GetProperty("TableName").GetString());
        Assert.Equal("5", details.GetProperty("ItemCount").GetString());
        Assert.Equal("PAY_PER_REQUEST", details.GetProperty("BillingMode").GetString());
        Assert.Equal("""["GlobalSecondaryIndexes","LocalSecondaryIndexes"]""", Compact(result, "features"));
        Assert.Equal("""{"ProjectionType":"INCLUDE","NonKeyAttributes":["v"]}""", Compact(result, "featureGsi"));
        Assert.Equal("CREATING", result.GetProperty("restoredStatus").GetString());
        var summary = result.GetProperty("restoreSummary");
        Assert.Equal(arn, summary.GetProperty("SourceBackupArn").GetString());
        Assert.Equal(result.GetProperty("sourceArn").GetString(), summary.GetProperty("SourceTableArn").GetString());
        Assert.Equal("True", summary.GetProperty("RestoreInProgress").GetString());
        Assert.False(result.GetProperty("describedRestore").GetBoolean());
        Assert.Equal("ACTIVE", result.GetProperty("describedStatus").GetString());
        Assert.True(result.GetProperty("sameShape").GetBoolean());
        Assert.True(result.GetProperty("sameGsi").GetBoolean());
        Assert.True(result.GetProperty("sameLsi").GetBoolean());
        // The items as they were at backup time: 0 still "even", 1 still there, 99 absent.
        Assert.Equal("""[["0","even"],["1","odd"],["2","even"],["3","odd"],["4","even"]]""", Compact(result, "items"));
        Assert.Equal(5, result.GetProperty("count").GetInt32());
        Assert.Equal(result.GetProperty("sourceSize").GetInt64(), result.GetProperty("tableSize").GetInt64());
        Assert.Equal(5, result.GetProperty("gsiCount").GetInt32());
        Assert.Equal("""[["0",["g","pk","sk","v"]],["2",["g","pk","sk","v"]],["4",["g","pk","sk","v"]]]""", Compact(result, "even"));
        Assert.Equal("""["3","4"]""", Compact(result, "local"));
        Assert.Equal(4, result.GetProperty("evenAfterWrite").GetInt32());
    }

    [Fact]
    public async Task ListBackups_FiltersAndPages_DeleteBackupRemovesIt()
    {
        var result = await server.Boto3.RunAsync(BackupScripts.With("""
            make_table("list-a")
            make_table("list-b")
            arns = []
            for name in ["list-a", "list-b", "list-a"]:
                arns.append(ddb.create_backup(TableName=name, BackupName="b-" + name)["BackupDetails"]["BackupArn"])
                # boto3 sends timestamps as whole seconds: the backups are a second apart so the time filters can tell them apart.
                time.sleep(1.1)
            mine = lambda page: [b["BackupArn"] for b in page["BackupSummaries"] if b["BackupArn"] in arns]
            page1 = ddb.list_backups(TableName="list-a", Limit=1)
            page2 = ddb.list_backups(TableName="list-a", Limit=1, ExclusiveStartBackupArn=page1["LastEvaluatedBackupArn"])
            created = [ddb.describe_backup(BackupArn=a)["BackupDescription"]["BackupDetails"]["BackupCreationDateTime"] for a in arns]
            lower = mine(ddb.list_backups(TimeRangeLowerBound=created[1]))
            upper = mine(ddb.list_backups(TimeRangeUpperBound=created[1]))
            summary = ddb.list_backups(TableName="list-b")["BackupSummaries"][0]
            by_type = {t: mine(ddb.list_backups(BackupType=t)) for t in ["ALL", "USER", "SYSTEM"]}
            deleted = ddb.delete_backup(BackupArn=arns[1])["BackupDescription"]
            print(json.dumps({"arns": arns, "page1": mine(page1), "page2": mine(page2), "page2Last": "LastEvaluatedBackupArn" in page2,
                "lower": lower, "upper": upper, "all": by_type["ALL"], "user": by_type["USER"], "system": by_type["SYSTEM"], "summaryKeys": sorted(summary.keys()),
                "deletedStatus": deleted["BackupDetails"]["BackupStatus"], "afterDelete": mine(ddb.list_backups()),
                "describeDeleted": err(lambda: ddb.describe_backup(BackupArn=arns[1])),
                "deleteAgain": err(lambda: ddb.delete_backup(BackupArn=arns[1]))}))
            """));
        var arns = result.GetProperty("arns").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal([arns[0]], result.GetProperty("page1").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal([arns[2]], result.GetProperty("page2").EnumerateArray().Select(e => e.GetString()!));
        Assert.False(result.GetProperty("page2Last").GetBoolean());
        Assert.Equal(arns[1..], result.GetProperty("lower").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal([arns[0]], result.GetProperty("upper").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal(arns, result.GetProperty("all").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal(arns, result.GetProperty("user").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal("[]", Compact(result, "system"));
        Assert.Equal("""["BackupArn","BackupCreationDateTime","BackupName","BackupSizeBytes","BackupStatus","BackupType","TableArn","TableId","TableName"]""",
            Compact(result, "summaryKeys"));
        Assert.Equal("DELETED", result.GetProperty("deletedStatus").GetString());
        Assert.Equal([arns[0], arns[2]], result.GetProperty("afterDelete").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal($"""["BackupNotFoundException",400,"Backup not found: {arns[1]}"]""", Compact(result, "describeDeleted"));
        Assert.Equal($"""["BackupNotFoundException",400,"Backup not found: {arns[1]}"]""", Compact(result, "deleteAgain"));
    }

    [Fact]
    public async Task AwsCli_CreateListDescribeRestoreDelete()
    {
        await server.Boto3.RunAsync(BackupScripts.With("""
            make_table("cli-backup")
            ddb.put_item(TableName="cli-backup", Item={"pk": {"S": "a"}, "sk": {"N": "1"}, "g": {"S": "x"}})
            print("{}")
            """));
        var created = await server.Cli.JsonAsync("dynamodb", "create-backup", "--table-name", "cli-backup", "--backup-name", "cli-one");
        var arn = created.GetProperty("BackupDetails").GetProperty("BackupArn").GetString()!;
        var listed = await server.Cli.JsonAsync("dynamodb", "list-backups", "--table-name", "cli-backup");
        Assert.Equal(arn, Assert.Single(listed.GetProperty("BackupSummaries").EnumerateArray()).GetProperty("BackupArn").GetString());
        var described = await server.Cli.JsonAsync("dynamodb", "describe-backup", "--backup-arn", arn);
        Assert.Equal(1, described.GetProperty("BackupDescription").GetProperty("SourceTableDetails").GetProperty("ItemCount").GetInt32());
        var restored = await server.Cli.JsonAsync("dynamodb", "restore-table-from-backup", "--target-table-name", "cli-restored", "--backup-arn", arn);
        Assert.Equal(arn, restored.GetProperty("TableDescription").GetProperty("RestoreSummary").GetProperty("SourceBackupArn").GetString());
        var item = await server.Cli.JsonAsync("dynamodb", "get-item", "--table-name", "cli-restored", "--key", """{"pk": {"S": "a"}, "sk": {"N": "1"}}""");
        Assert.Equal("x", item.GetProperty("Item").GetProperty("g").GetProperty("S").GetString());
        var deleted = await server.Cli.JsonAsync("dynamodb", "delete-backup", "--backup-arn", arn);
        Assert.Equal("DELETED", deleted.GetProperty("BackupDescription").GetProperty("BackupDetails").GetProperty("BackupStatus").GetString());
        var message = await server.Cli.FailsWithAsync("BackupNotFoundException", "dynamodb", "describe-backup", "--backup-arn", arn);
        Assert.Contains("Backup not found: " + arn, message);
    }

    [Fact]
    public async Task Restore_IndexOverrides_KeepOnlyTheNamedIndexes()
    {
        var result = await server.Boto3.RunAsync(BackupScripts.With("""
            make_table("override-source")
            ddb.put_item(TableName="override-source", Item={"pk": {"S": "a"}, "sk": {"N": "1"}, "g": {"S": "x"}, "l": {"S": "y"}, "v": {"S": "z"}})
            arn = ddb.create_backup(TableName="override-source", BackupName="overrides")["BackupDetails"]["BackupArn"]
            bare = ddb.restore_table_from_backup(TargetTableName="override-bare", BackupArn=arn, GlobalSecondaryIndexOverride=[], LocalSecondaryIndexOverride=[])["TableDescription"]
            keys_only = ddb.restore_table_from_backup(TargetTableName="override-gsi", BackupArn=arn, LocalSecondaryIndexOverride=[], GlobalSecondaryIndexOverride=[
                {"IndexName": "by-g", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}], "Projection": {"ProjectionType": "KEYS_ONLY"}}])["TableDescription"]
            found = ddb.query(TableName="override-gsi", IndexName="by-g", KeyConditionExpression="g = :g", ExpressionAttributeValues={":g": {"S": "x"}})["Items"]
            print(json.dumps({"bareIndexes": [k for k in bare if k.endswith("SecondaryIndexes")], "bareAttributes": sorted(a["AttributeName"] for a in bare["AttributeDefinitions"]),
                "gsi": [(i["IndexName"], i["Projection"]["ProjectionType"]) for i in keys_only["GlobalSecondaryIndexes"]], "lsi": "LocalSecondaryIndexes" in keys_only,
                "found": [sorted(i.keys()) for i in found], "items": ddb.scan(TableName="override-bare")["Count"]}))
            """));
        Assert.Equal("[]", Compact(result, "bareIndexes"));
        Assert.Equal("""["pk","sk"]""", Compact(result, "bareAttributes"));
        Assert.Equal("""[["by-g","KEYS_ONLY"]]""", Compact(result, "gsi"));
        Assert.False(result.GetProperty("lsi").GetBoolean());
        Assert.Equal("""[["g","pk","sk"]]""", Compact(result, "found"));
        Assert.Equal(1, result.GetProperty("items").GetInt32());
    }

    [Fact]
    public async Task Backup_Errors()
    {
        var result = await server.Boto3.RunAsync(BackupScripts.With("""
            make_table("err-source")
            make_table("err-taken")
            arn = ddb.create_backup(TableName="err-source", BackupName="ok-name")["BackupDetails"]["BackupArn"]
            missing = arn[:-8] + "00000000"
            print(json.dumps({
                "noTable": err(lambda: ddb.create_backup(TableName="nope", BackupName="abc")),
                "shortName": err(lambda: ddb.create_backup(TableName="err-source", BackupName="ab")),
                "badName": err(lambda: ddb.create_backup(TableName="err-source", BackupName="a b c")),
                "describeMissing": err(lambda: ddb.describe_backup(BackupArn=missing)),
                "restoreMissing": err(lambda: ddb.restore_table_from_backup(TargetTableName="anything", BackupArn=missing)),
                "restoreOverExisting": err(lambda: ddb.restore_table_from_backup(TargetTableName="err-taken", BackupArn=arn)),
                "sseOverride": err(lambda: ddb.restore_table_from_backup(TargetTableName="err-new", BackupArn=arn, SSESpecificationOverride={"Enabled": True})),
                "gsiMismatch": err(lambda: ddb.restore_table_from_backup(TargetTableName="err-new", BackupArn=arn, GlobalSecondaryIndexOverride=[
                    {"IndexName": "by-g", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"}}])),
                "throughputOnDemand": err(lambda: ddb.restore_table_from_backup(TargetTableName="err-new", BackupArn=arn,
                    ProvisionedThroughputOverride={"ReadCapacityUnits": 1, "WriteCapacityUnits": 1})),
                "limit": err(lambda: ddb.list_backups(Limit=101)),
                "newTableAbsent": err(lambda: ddb.describe_table(TableName="err-new")),
                "provisioned": ddb.restore_table_from_backup(TargetTableName="err-provisioned", BackupArn=arn, BillingModeOverride="PROVISIONED",
                    ProvisionedThroughputOverride={"ReadCapacityUnits": 3, "WriteCapacityUnits": 4})["TableDescription"]["ProvisionedThroughput"],
            }))
            """));
        Assert.Equal("""["TableNotFoundException",400,"Table not found: nope"]""", Compact(result, "noTable"));
        Assert.Equal("""["ValidationException",400,"1 validation error detected: Value 'ab' at 'backupName' failed to satisfy constraint: Member must have length greater than or equal to 3"]""", Compact(result, "shortName"));
        Assert.Equal("""["ValidationException",400,"1 validation error detected: Value 'a b c' at 'backupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"]""", Compact(result, "badName"));
        Assert.StartsWith("""["BackupNotFoundException",400,"Backup not found: arn:aws:dynamodb:""", Compact(result, "describeMissing"), StringComparison.Ordinal);
        Assert.StartsWith("""["BackupNotFoundException",400,"Backup not found: arn:aws:dynamodb:""", Compact(result, "restoreMissing"), StringComparison.Ordinal);
        Assert.Equal("""["TableAlreadyExistsException",400,"Table already exists: err-taken"]""", Compact(result, "restoreOverExisting"));
        Assert.StartsWith("""["ValidationException",400,"SSESpecificationOverride is not supported by Nimbus""", Compact(result, "sseOverride"), StringComparison.Ordinal);
        Assert.Equal("""["ValidationException",400,"One or more parameter values were invalid: Index by-g does not match a global secondary index of the backup with the same key schema"]""", Compact(result, "gsiMismatch"));
        Assert.Equal("""["ValidationException",400,"One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST"]""", Compact(result, "throughputOnDemand"));
        Assert.Equal("""["ValidationException",400,"1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100"]""", Compact(result, "limit"));
        Assert.Equal("ResourceNotFoundException", result.GetProperty("newTableAbsent")[0].GetString());
        Assert.Equal(3, result.GetProperty("provisioned").GetProperty("ReadCapacityUnits").GetInt32());
        Assert.Equal(4, result.GetProperty("provisioned").GetProperty("WriteCapacityUnits").GetInt32());
    }
}
