using System.Globalization;

namespace Nimbus.EventBridge.Tests;

/// <summary>
/// <c>/_nimbus/schedules</c> on a real server: schedules and rules created with boto3 are listed with their next fire
/// times and firings; "run now" needs a SigV4 signature, fires through the delivery path and records the outcome.
/// </summary>
public sealed class SchedulesEndpointTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    [Fact]
    public async Task ListsSchedulesAndRules_AndRunNowRecordsTheOutcome()
    {
        var result = await server.Boto3.RunAsync("""
            import urllib.request, urllib.error
            from botocore.auth import SigV4Auth
            from botocore.awsrequest import AWSRequest
            endpoint = os.environ["NIMBUS_ENDPOINT"]
            def get(path):
                try:
                    with urllib.request.urlopen(endpoint + path) as r:
                        return r.status, json.loads(r.read())
                except urllib.error.HTTPError as e:
                    return e.code, json.loads(e.read())
            def post(path, body, service=None):
                headers = {"content-type": "application/json"}
                if service:
                    request = AWSRequest(method="POST", url=endpoint + path, data=body, headers=headers)
                    SigV4Auth(boto3.Session().get_credentials(), service, "us-east-1").add_auth(request)
                    headers = dict(request.headers.items())
                try:
                    with urllib.request.urlopen(urllib.request.Request(endpoint + path, data=body.encode(), headers=headers, method="POST")) as r:
                        return r.status, json.loads(r.read())
                except urllib.error.HTTPError as e:
                    return e.code, json.loads(e.read())

            sc = client("scheduler")
            sc.create_schedule(Name="weekly-report", ScheduleExpression="cron(30 8 ? * MON *)", ScheduleExpressionTimezone="Europe/Paris",
                FlexibleTimeWindow={"Mode": "OFF"},
                Target={"Arn": "arn:aws:lambda:us-east-1:000000000000:function:no-such-function", "RoleArn": "arn:aws:iam::000000000000:role/r"})
            ev = client("events")
            ev.put_rule(Name="noon", ScheduleExpression="cron(0 12 ? * MON-FRI *)")
            ev.put_targets(Rule="noon", Targets=[{"Id": "fn", "Arn": "arn:aws:lambda:us-east-1:000000000000:function:no-such-function"}])
            ev.put_rule(Name="orders", EventPattern=json.dumps({"source": ["shop"]}))

            status, listed = get("/_nimbus/schedules?account=000000000000&region=us-east-1")
            run = json.dumps({"kind": "schedule", "account": "000000000000", "region": "us-east-1", "group": "default", "name": "weekly-report"})
            unsigned = post("/_nimbus/schedules/run", run)
            wrong_service = post("/_nimbus/schedules/run", run, "lambda")
            ran = post("/_nimbus/schedules/run", run, "scheduler")
            missing = post("/_nimbus/schedules/run", json.dumps({"kind": "rule", "account": "000000000000", "region": "us-east-1", "name": "nope"}), "scheduler")
            pattern = post("/_nimbus/schedules/run", json.dumps({"kind": "rule", "account": "000000000000", "region": "us-east-1", "name": "orders"}), "scheduler")
            not_json = post("/_nimbus/schedules/run", "{", "scheduler")
            bad_firings = get("/_nimbus/schedules?firings=0")
            # The delivery worker runs in the background: wait (bounded) for the firing's outcome.
            firings = []
            for _ in range(100):
                firings = get("/_nimbus/schedules")[1]["schedules"][0]["lastFirings"]
                if firings and firings[0]["outcome"] not in ("PENDING", "RETRYING"):
                    break
                time.sleep(0.1)
            print(json.dumps({"status": status, "listed": listed, "unsigned": unsigned, "wrong_service": wrong_service, "ran": ran,
                              "missing": missing, "pattern": pattern, "not_json": not_json, "bad_firings": bad_firings, "firings": firings}))
            """);

        Assert.Equal(200, result.GetProperty("status").GetInt32());
        var listed = result.GetProperty("listed");
        var schedule = listed.GetProperty("schedules").EnumerateArray().Single();
        Assert.Equal("cron(30 8 ? * MON *)", schedule.GetProperty("scheduleExpression").GetString());
        Assert.Equal("Europe/Paris", schedule.GetProperty("scheduleExpressionTimezone").GetString());
        Assert.Equal("ENABLED", schedule.GetProperty("state").GetString());
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        Assert.Equal(HandComputed(listed, t => t.DayOfWeek == DayOfWeek.Monday, 8, 30, paris), Times(schedule));

        var rules = listed.GetProperty("rules").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);
        Assert.Equal("UTC", rules["noon"].GetProperty("scheduleExpressionTimezone").GetString());
        Assert.Equal("fn", rules["noon"].GetProperty("targets")[0].GetProperty("id").GetString());
        Assert.Equal(HandComputed(listed, t => t.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday), 12, 0, TimeZoneInfo.Utc), Times(rules["noon"]));
        Assert.Equal("""{"source": ["shop"]}""", rules["orders"].GetProperty("eventPattern").GetString());
        Assert.Empty(rules["orders"].GetProperty("nextFireTimes").EnumerateArray());

        Assert.Equal(403, result.GetProperty("unsigned")[0].GetInt32());
        Assert.Equal(403, result.GetProperty("wrong_service")[0].GetInt32());
        Assert.Equal(200, result.GetProperty("ran")[0].GetInt32());
        Assert.Equal(1, result.GetProperty("ran")[1].GetProperty("deliveries").GetInt32());
        Assert.Equal(404, result.GetProperty("missing")[0].GetInt32());
        Assert.Equal(400, result.GetProperty("pattern")[0].GetInt32());
        Assert.Contains("only scheduled rules", result.GetProperty("pattern")[1].GetProperty("error").GetString());
        Assert.Equal(400, result.GetProperty("not_json")[0].GetInt32());
        Assert.Equal(400, result.GetProperty("bad_firings")[0].GetInt32());

        // Lambda refuses the event (no such function): EventBridge does not retry that, and the firing says why.
        var firing = result.GetProperty("firings").EnumerateArray().Single();
        Assert.Equal("FAILED", firing.GetProperty("outcome").GetString());
        Assert.True(firing.GetProperty("runNow").GetBoolean());
        Assert.Contains("ResourceNotFoundException", firing.GetProperty("error").GetString());
        Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:no-such-function", firing.GetProperty("target").GetString());
    }

    private static DateTimeOffset[] Times(System.Text.Json.JsonElement item) =>
        item.GetProperty("nextFireTimes").EnumerateArray().Select(t => DateTimeOffset.Parse(t.GetString()!, CultureInfo.InvariantCulture)).ToArray();

    /// <summary>The next five wall-clock times at hour:minute on matching days in <paramref name="zone"/>, after the listing's <c>now</c>.</summary>
    private static DateTimeOffset[] HandComputed(System.Text.Json.JsonElement listed, Func<DateTime, bool> day, int hour, int minute, TimeZoneInfo zone)
    {
        var now = DateTimeOffset.Parse(listed.GetProperty("now").GetString()!, CultureInfo.InvariantCulture);
        var local = TimeZoneInfo.ConvertTime(now, zone).Date;
        var times = new List<DateTimeOffset>();
        for (var date = local; times.Count < 5; date = date.AddDays(1))
        {
            var wall = date.AddHours(hour).AddMinutes(minute);
            var utc = new DateTimeOffset(wall, zone.GetUtcOffset(wall));
            if (day(wall) && utc > now)
            {
                times.Add(utc.ToUniversalTime());
            }
        }
        return [.. times];
    }
}
