using static Nimbus.DynamoDb.Tests.ContinuousBackupsTests;

namespace Nimbus.DynamoDb.Tests;

/// <summary>Put/Get/DeleteResourcePolicy on a table and its stream through boto3, with revisions and AWS's errors.</summary>
public sealed class ResourcePolicyTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    [Fact]
    public async Task ResourcePolicy_PutGetReplaceDelete_WithRevisions()
    {
        var result = await server.Boto3.RunAsync(BackupScripts.With("""
            make_table("policy", StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"})
            table = ddb.describe_table(TableName="policy")["Table"]
            arn, stream = table["TableArn"], table["LatestStreamArn"]
            doc = lambda action: json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
                "Action": action, "Resource": arn}]})
            none = err(lambda: ddb.get_resource_policy(ResourceArn=arn))
            first = ddb.put_resource_policy(ResourceArn=arn, Policy=doc("dynamodb:GetItem"), ExpectedRevisionId="NO_POLICY")["RevisionId"]
            got = ddb.get_resource_policy(ResourceArn=arn)
            same = ddb.put_resource_policy(ResourceArn=arn, Policy=doc("dynamodb:GetItem"))["RevisionId"]
            stale_none = err(lambda: ddb.put_resource_policy(ResourceArn=arn, Policy=doc("dynamodb:Query"), ExpectedRevisionId="NO_POLICY"))
            second = ddb.put_resource_policy(ResourceArn=arn, Policy=doc("dynamodb:Query"), ExpectedRevisionId=first)["RevisionId"]
            stale = err(lambda: ddb.put_resource_policy(ResourceArn=arn, Policy=doc("dynamodb:Scan"), ExpectedRevisionId=first))
            stream_put = ddb.put_resource_policy(ResourceArn=stream, Policy=doc("dynamodb:GetRecords"))["RevisionId"]
            stream_policy = json.loads(ddb.get_resource_policy(ResourceArn=stream)["Policy"])["Statement"][0]["Action"]
            stale_delete = err(lambda: ddb.delete_resource_policy(ResourceArn=arn, ExpectedRevisionId=first))
            deleted = ddb.delete_resource_policy(ResourceArn=arn, ExpectedRevisionId=second)["RevisionId"]
            print(json.dumps({"none": none, "first": first, "got": [got["Policy"] == doc("dynamodb:GetItem"), got["RevisionId"]], "same": same,
                "staleNone": stale_none, "second": second, "stale": stale, "streamPolicy": stream_policy, "streamPut": stream_put,
                "staleDelete": stale_delete, "deleted": deleted, "afterDelete": err(lambda: ddb.get_resource_policy(ResourceArn=arn)),
                "deleteAgain": err(lambda: ddb.delete_resource_policy(ResourceArn=arn)), "arn": arn,
                "streamKept": ddb.get_resource_policy(ResourceArn=stream)["RevisionId"] == stream_put}))
            """));
        var arn = result.GetProperty("arn").GetString()!;
        var first = result.GetProperty("first").GetString()!;
        var second = result.GetProperty("second").GetString()!;
        Assert.Equal($"""["PolicyNotFoundException",400,"Resource-based policy not found for the provided ResourceArn: {arn}"]""", Compact(result, "none"));
        Assert.Matches(@"^\d+$", first);
        Assert.Equal($"[true,\"{first}\"]", Compact(result, "got"));
        Assert.Equal(first, result.GetProperty("same").GetString());
        Assert.Equal($"""["PolicyNotFoundException",400,"Resource-based policy not found for the provided ResourceArn: Requested policy update expecting none to be present for table policy, but a policy exists with revision id {first}."]""", Compact(result, "staleNone"));
        Assert.NotEqual(first, second);
        Assert.Equal($"""["PolicyNotFoundException",400,"Resource-based policy not found for the provided ResourceArn: Requested update for policy with revision id {first}, but the policy associated to target table policy has revision id {second}."]""", Compact(result, "stale"));
        Assert.Equal("dynamodb:GetRecords", result.GetProperty("streamPolicy").GetString());
        Assert.Equal($"""["PolicyNotFoundException",400,"Resource-based policy not found for the provided ResourceArn: Requested update for policy with revision id {first}, but the policy associated to target table policy has revision id {second}."]""", Compact(result, "staleDelete"));
        Assert.Equal(second, result.GetProperty("deleted").GetString());
        Assert.Equal($"""["PolicyNotFoundException",400,"Resource-based policy not found for the provided ResourceArn: {arn}"]""", Compact(result, "afterDelete"));
        Assert.Equal($"""["PolicyNotFoundException",400,"Resource-based policy not found for the provided ResourceArn: {arn}"]""", Compact(result, "deleteAgain"));
        Assert.True(result.GetProperty("streamKept").GetBoolean());
    }

    [Fact]
    public async Task CreateTable_ResourcePolicy_IsAttached()
    {
        var result = await server.Boto3.RunAsync(BackupScripts.With("""
            doc = json.dumps({"Version": "2012-10-17", "Statement": []})
            make_table("policy-at-create", ResourcePolicy=doc)
            arn = ddb.describe_table(TableName="policy-at-create")["Table"]["TableArn"]
            got = ddb.get_resource_policy(ResourceArn=arn)
            print(json.dumps({"same": got["Policy"] == doc, "revision": got["RevisionId"],
                "bad": err(lambda: make_table("policy-bad-create", ResourcePolicy="not json")),
                "notCreated": err(lambda: ddb.describe_table(TableName="policy-bad-create"))[0]}))
            """));
        Assert.True(result.GetProperty("same").GetBoolean());
        Assert.Matches(@"^\d+$", result.GetProperty("revision").GetString()!);
        Assert.StartsWith("""["ValidationException",400,""", Compact(result, "bad"), StringComparison.Ordinal);
        Assert.Equal("ResourceNotFoundException", result.GetProperty("notCreated").GetString());
    }

    [Fact]
    public async Task ResourcePolicy_Errors()
    {
        var result = await server.Boto3.RunAsync(BackupScripts.With("""
            make_table("policy-errors")
            arn = ddb.describe_table(TableName="policy-errors")["Table"]["TableArn"]
            missing = arn.replace("policy-errors", "no-such-table")
            print(json.dumps({
                "notJson": err(lambda: ddb.put_resource_policy(ResourceArn=arn, Policy="{not json")),
                "notObject": err(lambda: ddb.put_resource_policy(ResourceArn=arn, Policy="[1, 2]")),
                "tooBig": err(lambda: ddb.put_resource_policy(ResourceArn=arn, Policy=json.dumps({"Version": "2012-10-17", "Pad": "x" * 21000}))),
                "missingTable": err(lambda: ddb.get_resource_policy(ResourceArn=missing)),
                "putMissingTable": err(lambda: ddb.put_resource_policy(ResourceArn=missing, Policy="{}")),
                "notDynamo": err(lambda: ddb.get_resource_policy(ResourceArn="arn:aws:s3:::bucket")),
                "expectedWithoutPolicy": err(lambda: ddb.put_resource_policy(ResourceArn=arn, Policy="{}", ExpectedRevisionId="123")),
                "stillNone": err(lambda: ddb.get_resource_policy(ResourceArn=arn))[0],
            }))
            """));
        Assert.StartsWith("""["ValidationException",400,""", Compact(result, "notJson"), StringComparison.Ordinal);
        Assert.StartsWith("""["ValidationException",400,""", Compact(result, "notObject"), StringComparison.Ordinal);
        Assert.StartsWith("""["ValidationException",400,"Resource-based policy size exceeds""", Compact(result, "tooBig"), StringComparison.Ordinal);
        Assert.Equal("""["ResourceNotFoundException",400,"Requested resource not found: Table: no-such-table not found"]""", Compact(result, "missingTable"));
        Assert.Equal("""["ResourceNotFoundException",400,"Requested resource not found: Table: no-such-table not found"]""", Compact(result, "putMissingTable"));
        Assert.Equal("""["ValidationException",400,"One or more parameter values were invalid: Provided Arn is not a DynamoDB resource arn: arn:aws:s3:::bucket"]""", Compact(result, "notDynamo"));
        Assert.StartsWith("""["PolicyNotFoundException",400,"Resource-based policy not found for the provided ResourceArn: Requested update for policy with revision id 123""", Compact(result, "expectedWithoutPolicy"), StringComparison.Ordinal);
        Assert.Equal("PolicyNotFoundException", result.GetProperty("stillNone").GetString());
    }
}
