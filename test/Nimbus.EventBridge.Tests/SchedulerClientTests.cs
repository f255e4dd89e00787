namespace Nimbus.EventBridge.Tests;

/// <summary>EventBridge Scheduler through boto3 (rest-json) against a real Nimbus server.</summary>
public sealed class SchedulerClientTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    [Fact]
    public async Task Boto3_SchedulesAndGroups_RoundTrip_WithAwsErrors()
    {
        var result = await server.Boto3.RunAsync("""
            sc = client("scheduler")
            target = {"Arn": "arn:aws:lambda:us-east-1:000000000000:function:f", "RoleArn": "arn:aws:iam::000000000000:role/r",
                      "Input": '{"hello": "world"}', "RetryPolicy": {"MaximumRetryAttempts": 2, "MaximumEventAgeInSeconds": 120}}
            group_arn = sc.create_schedule_group(Name="team-a", Tags=[{"Key": "k", "Value": "v"}])["ScheduleGroupArn"]
            dup_group = error_of(lambda: sc.create_schedule_group(Name="team-a"))
            arn = sc.create_schedule(Name="nightly", GroupName="team-a", ScheduleExpression="cron(0 2 * * ? *)",
                                     ScheduleExpressionTimezone="Europe/Berlin", FlexibleTimeWindow={"Mode": "FLEXIBLE", "MaximumWindowInMinutes": 10},
                                     Target=target, Description="night job")["ScheduleArn"]
            sc.create_schedule(Name="once", ScheduleExpression="at(2030-01-01T00:00:00)", FlexibleTimeWindow={"Mode": "OFF"}, Target=target,
                               ActionAfterCompletion="DELETE", StartDate=datetime.datetime(2029, 1, 1, tzinfo=datetime.timezone.utc))
            dup = error_of(lambda: sc.create_schedule(Name="nightly", GroupName="team-a", ScheduleExpression="rate(1 day)",
                                                      FlexibleTimeWindow={"Mode": "OFF"}, Target=target))
            got = sc.get_schedule(Name="nightly", GroupName="team-a")
            sc.update_schedule(Name="nightly", GroupName="team-a", ScheduleExpression="rate(2 hours)", FlexibleTimeWindow={"Mode": "OFF"},
                               Target=target, State="DISABLED")
            updated = sc.get_schedule(Name="nightly", GroupName="team-a")
            in_group = [s["Name"] for s in sc.list_schedules(GroupName="team-a")["Schedules"]]
            disabled = [s["Name"] for s in sc.list_schedules(State="DISABLED")["Schedules"]]
            page = sc.list_schedules(MaxResults=1)
            groups = [g["Name"] for g in sc.list_schedule_groups()["ScheduleGroups"]]
            sc.tag_resource(ResourceArn=group_arn, Tags=[{"Key": "x", "Value": "y"}])
            sc.untag_resource(ResourceArn=group_arn, TagKeys=["k"])
            tags = sc.list_tags_for_resource(ResourceArn=group_arn)["Tags"]
            missing = error_of(lambda: sc.get_schedule(Name="nope"))
            missing_group = error_of(lambda: sc.get_schedule_group(Name="nope"))
            bad_rate = error_of(lambda: sc.create_schedule(Name="bad", ScheduleExpression="rate(5 minute)", FlexibleTimeWindow={"Mode": "OFF"}, Target=target))
            bad_zone = error_of(lambda: sc.create_schedule(Name="bad", ScheduleExpression="rate(5 minutes)", ScheduleExpressionTimezone="Nowhere/Land",
                                                           FlexibleTimeWindow={"Mode": "OFF"}, Target=target))
            flex_missing = error_of(lambda: sc.create_schedule(Name="bad", ScheduleExpression="rate(5 minutes)", FlexibleTimeWindow={"Mode": "FLEXIBLE"}, Target=target))
            sc.delete_schedule_group(Name="team-a")
            gone = error_of(lambda: sc.get_schedule(Name="nightly", GroupName="team-a"))
            sc.delete_schedule(Name="once")
            print(json.dumps({"groupArn": group_arn, "dupGroup": dup_group, "arn": arn, "dup": dup, "got": got, "updated": updated,
                              "inGroup": in_group, "disabled": disabled, "pageSize": len(page["Schedules"]), "hasNext": "NextToken" in page,
                              "groups": groups, "tags": tags, "missing": missing, "missingGroup": missing_group, "badRate": bad_rate,
                              "badZone": bad_zone, "flexMissing": flex_missing, "gone": gone}, default=str))
            """);

        Assert.Equal("arn:aws:scheduler:us-east-1:000000000000:schedule-group/team-a", result.GetProperty("groupArn").GetString());
        Assert.Equal(409, result.GetProperty("dupGroup").GetProperty("status").GetInt32());
        Assert.Equal("arn:aws:scheduler:us-east-1:000000000000:schedule/team-a/nightly", result.GetProperty("arn").GetString());
        Assert.Equal("ConflictException", result.GetProperty("dup").GetProperty("code").GetString());
        var got = result.GetProperty("got");
        Assert.Equal("cron(0 2 * * ? *)", got.GetProperty("ScheduleExpression").GetString());
        Assert.Equal("Europe/Berlin", got.GetProperty("ScheduleExpressionTimezone").GetString());
        Assert.Equal(10, got.GetProperty("FlexibleTimeWindow").GetProperty("MaximumWindowInMinutes").GetInt32());
        Assert.Equal("{\"hello\": \"world\"}", got.GetProperty("Target").GetProperty("Input").GetString());
        Assert.Equal(2, got.GetProperty("Target").GetProperty("RetryPolicy").GetProperty("MaximumRetryAttempts").GetInt32());
        Assert.Equal("ENABLED", got.GetProperty("State").GetString());
        var updated = result.GetProperty("updated");
        Assert.Equal("rate(2 hours)", updated.GetProperty("ScheduleExpression").GetString());
        Assert.Equal("DISABLED", updated.GetProperty("State").GetString());
        Assert.False(updated.TryGetProperty("ScheduleExpressionTimezone", out _));
        Assert.Equal(["nightly"], result.GetProperty("inGroup").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal(["nightly"], result.GetProperty("disabled").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal(1, result.GetProperty("pageSize").GetInt32());
        Assert.True(result.GetProperty("hasNext").GetBoolean());
        Assert.Equal(["default", "team-a"], result.GetProperty("groups").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal("x", Assert.Single(result.GetProperty("tags").EnumerateArray()).GetProperty("Key").GetString());
        Assert.Equal(("ResourceNotFoundException", 404), (result.GetProperty("missing").GetProperty("code").GetString(), result.GetProperty("missing").GetProperty("status").GetInt32()));
        Assert.Equal("ResourceNotFoundException", result.GetProperty("missingGroup").GetProperty("code").GetString());
        Assert.Equal("ValidationException", result.GetProperty("badRate").GetProperty("code").GetString());
        Assert.Equal("ValidationException", result.GetProperty("badZone").GetProperty("code").GetString());
        Assert.Equal("ValidationException", result.GetProperty("flexMissing").GetProperty("code").GetString());
        Assert.Equal("ResourceNotFoundException", result.GetProperty("gone").GetProperty("code").GetString());
    }
}
