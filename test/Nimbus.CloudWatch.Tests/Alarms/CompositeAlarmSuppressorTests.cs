namespace Nimbus.CloudWatch.Tests.Alarms;

/// <summary>
/// A composite alarm's ActionsSuppressor with boto3 and the server's clock moved second by second: the suppressor in
/// ALARM suppresses the actions; its wait period holds them for the suppressor to go into ALARM, its extension period
/// after it left ALARM; held actions run when the period ends.
/// </summary>
public sealed class CompositeAlarmSuppressorTests : IClassFixture<AlarmsHost>
{
    private readonly AlarmsHost _host;

    public CompositeAlarmSuppressorTests(AlarmsHost host) => _host = host;

    [Fact]
    public async Task ActionsSuppressor_InAlarm_SuppressesTheActions()
    {
        var ns = "Supp" + Guid.NewGuid().ToString("N")[..8];
        var result = await AlarmScripts.RunAsync(_host, "default", ns, CompositeAlarmClientTests.Children + """
            cw.set_alarm_state(AlarmName=b, StateValue="ALARM", StateReason="maintenance")
            cw.put_composite_alarm(AlarmName=ns + "-c", AlarmRule=f"ALARM({a})", AlarmActions=[fn], ActionsSuppressor=b,
                ActionsSuppressorWaitPeriod=60, ActionsSuppressorExtensionPeriod=120)
            cw.set_alarm_state(AlarmName=a, StateValue="ALARM", StateReason="x")
            c = composite(ns + "-c")
            print(json.dumps({"state": c["StateValue"], "by": c.get("ActionsSuppressedBy"), "suppressor": c["ActionsSuppressor"],
                "wait": c["ActionsSuppressorWaitPeriod"], "extension": c["ActionsSuppressorExtensionPeriod"]}))
            """);

        Assert.Equal("ALARM", result.GetProperty("state").GetString());
        Assert.Equal("Alarm", result.GetProperty("by").GetString());
        Assert.Equal($"{ns}-b 60 120", $"{result.GetProperty("suppressor").GetString()} {result.GetProperty("wait")} {result.GetProperty("extension")}");
        await _host.AdvanceAndEvaluateAsync(TimeSpan.Zero);
        Assert.Empty(_host.Invoker.EventsFor("on-alarm-" + ns));
    }

    [Fact]
    public async Task ActionsSuppressor_WaitAndExtensionPeriods_HoldTheActions()
    {
        var ns = "Wait" + Guid.NewGuid().ToString("N")[..8];
        // Children that keep their state without data (the evaluator runs as the clock moves).
        const string setUp = CompositeAlarmClientTests.Children + """
            x, s = ns + "-x", ns + "-s"
            def held(name):
                c = composite(name)
                return c["StateValue"] + " " + c.get("ActionsSuppressedBy", "-")

            """;
        var first = await AlarmScripts.RunAsync(_host, "default", ns, setUp + """
            metric_alarm(x, TreatMissingData="ignore")
            metric_alarm(s, TreatMissingData="ignore")
            for i, wait in [(1, 20), (2, 60)]:
                cw.put_composite_alarm(AlarmName=f"{ns}-w{i}", AlarmRule=f"ALARM({x})", AlarmActions=[f"{fn}-{i}"], ActionsSuppressor=s,
                    ActionsSuppressorWaitPeriod=wait, ActionsSuppressorExtensionPeriod=0)
            cw.set_alarm_state(AlarmName=x, StateValue="ALARM", StateReason="x")
            print(json.dumps({"w1": held(ns + "-w1")}))
            """);
        Assert.Equal("ALARM WaitPeriod", first.GetProperty("w1").GetString());

        // w1's 20 s wait ends without the suppressor in ALARM: its actions run. Within w2's 60 s the suppressor goes
        // into ALARM: w2's actions are suppressed for good.
        await _host.AdvanceAndEvaluateAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("OK", Assert.Single(_host.Invoker.EventsFor($"on-alarm-{ns}-1")).GetProperty("alarmData").GetProperty("previousState")
            .GetProperty("value").GetString());
        await AlarmScripts.RunAsync(_host, "default", ns, setUp + """
            cw.set_alarm_state(AlarmName=s, StateValue="ALARM", StateReason="maintenance")
            print("{}")
            """);
        await _host.AdvanceAndEvaluateAsync(TimeSpan.Zero);
        var second = await AlarmScripts.RunAsync(_host, "default", ns, setUp + """
            print(json.dumps({"w1": held(ns + "-w1"), "w2": held(ns + "-w2")}))
            """);
        Assert.Equal("ALARM Alarm", second.GetProperty("w2").GetString());
        Assert.Equal("ALARM -", second.GetProperty("w1").GetString());

        // The suppressor leaves ALARM: a composite created now is held for the 120 s extension period, then acts.
        var third = await AlarmScripts.RunAsync(_host, "default", ns, setUp + """
            cw.set_alarm_state(AlarmName=s, StateValue="OK", StateReason="done")
            cw.put_composite_alarm(AlarmName=ns + "-e", AlarmRule=f"ALARM({x})", AlarmActions=[fn + "-3"], ActionsSuppressor=s,
                ActionsSuppressorWaitPeriod=0, ActionsSuppressorExtensionPeriod=120)
            print(json.dumps({"e": held(ns + "-e")}))
            """);
        Assert.Equal("ALARM ExtensionPeriod", third.GetProperty("e").GetString());
        await _host.AdvanceAndEvaluateAsync(TimeSpan.FromSeconds(60));
        Assert.Empty(_host.Invoker.EventsFor($"on-alarm-{ns}-3"));
        await _host.AdvanceAndEvaluateAsync(TimeSpan.FromSeconds(61));
        var released = Assert.Single(_host.Invoker.EventsFor($"on-alarm-{ns}-3")).GetProperty("alarmData");
        Assert.Equal("ALARM", released.GetProperty("state").GetProperty("value").GetString());
        Assert.Equal("INSUFFICIENT_DATA", released.GetProperty("previousState").GetProperty("value").GetString());
        var last = await AlarmScripts.RunAsync(_host, "default", ns, setUp + """print(json.dumps({"e": held(ns + "-e")}))""");
        Assert.Equal("ALARM -", last.GetProperty("e").GetString());
        Assert.Single(_host.Invoker.EventsFor($"on-alarm-{ns}-1"));
        Assert.Empty(_host.Invoker.EventsFor($"on-alarm-{ns}-2"));
    }
}
