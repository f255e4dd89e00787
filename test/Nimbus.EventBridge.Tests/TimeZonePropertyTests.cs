using Nimbus.EventBridge.Schedules;

namespace Nimbus.EventBridge.Tests;

/// <summary>
/// Time-zone schedules against a reference that walks UTC minute by minute around daylight-saving changes: a minute is
/// a tick when its wall-clock time matches the cron and it is the first occurrence of that wall-clock time (so a
/// skipped time never runs and a repeated one runs once).
/// </summary>
public sealed class TimeZonePropertyTests
{
    private static readonly (string Zone, string Transition)[] Transitions =
    [
        ("America/New_York", "2024-03-10T07:00:00Z"), ("America/New_York", "2024-11-03T06:00:00Z"),
        ("Europe/Berlin", "2024-03-31T01:00:00Z"), ("Europe/Berlin", "2024-10-27T01:00:00Z"),
        ("Australia/Sydney", "2024-04-06T16:00:00Z"), ("Australia/Sydney", "2024-10-05T16:00:00Z"),
        ("Australia/Lord_Howe", "2024-04-06T15:00:00Z"), ("Asia/Kolkata", "2024-03-10T00:00:00Z"),
    ];

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void Next_AgreesWithMinuteWalkAcrossTransitions(int seed)
    {
        var random = new Random(seed);
        foreach (var (zoneId, transition) in Transitions)
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
            for (var sample = 0; sample < 6; sample++)
            {
                var minutes = random.Next(3) switch { 0 => "*/7", 1 => $"{random.Next(60)}", _ => $"{random.Next(30)}/{random.Next(5, 20)}" };
                var hours = random.Next(3) switch { 0 => "*", 1 => $"{random.Next(0, 4)}", _ => $"{random.Next(0, 3)}-{random.Next(1, 4)}" };
                var fields = $"{minutes} {hours} * * ? *";
                var timing = new ScheduleTiming(ScheduleExpression.Parse($"cron({fields})", allowAt: true)!, DateTimeOffset.UnixEpoch, true, zone);
                var reference = new ReferenceCron(fields);
                var start = DateTimeOffset.Parse(transition).AddHours(-26);
                var end = start.AddHours(52);

                var expected = new List<DateTimeOffset>();
                var seen = new HashSet<DateTime>();
                for (var utc = start.AddMinutes(1); utc <= end; utc = utc.AddMinutes(1))
                {
                    var wall = TimeZoneInfo.ConvertTime(utc, zone).DateTime;
                    if (reference.Matches(wall) && seen.Add(wall))
                    {
                        expected.Add(utc);
                    }
                }
                var actual = new List<DateTimeOffset>();
                for (var tick = timing.Next(start); tick is { } t && t <= end; tick = timing.Next(t))
                {
                    actual.Add(t);
                }
                Assert.True(expected.SequenceEqual(actual),
                    $"cron({fields}) in {zoneId} around {transition}: first difference at {expected.Except(actual).Concat(actual.Except(expected)).FirstOrDefault():o}");
            }
        }
    }
}
