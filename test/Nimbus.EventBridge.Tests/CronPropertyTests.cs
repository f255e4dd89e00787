using Nimbus.EventBridge.Schedules;

namespace Nimbus.EventBridge.Tests;

/// <summary>
/// The cron evaluator against a naive minute-by-minute reference, over random expressions and random start times
/// across 2020–2040 (leap years, month ends, L, W, LW, nL, n#k, wrapping ranges, steps). Seeds are fixed so a
/// failure is reproducible; the message names the expression and start.
/// </summary>
public sealed class CronPropertyTests
{
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Next_AgreesWithMinuteByMinuteReference(int seed)
    {
        var random = new Random(seed);
        for (var sample = 0; sample < 25; sample++)
        {
            var fields = RandomExpression(random);
            var cron = CronExpression.Parse(fields);
            Assert.True(cron is not null, $"the generator made an expression the parser refused: {fields}");
            var reference = new ReferenceCron(fields);
            var start = new DateTime(2020, 1, 1).AddMinutes(random.Next(0, 20 * 365 * 24 * 60));
            var cursor = start;
            // Follow the chain of ticks for a while; every tick and every gap must agree with the scan.
            for (var step = 0; step < 3; step++)
            {
                var horizon = TimeSpan.FromDays(400);
                var expected = reference.Next(cursor, horizon);
                var actual = cron!.Next(cursor);
                if (expected is null)
                {
                    Assert.True(actual is null || actual > cursor + horizon, $"cron({fields}) after {cursor:o}: reference found none within {horizon.TotalDays} days, product said {actual:o}");
                    break;
                }
                Assert.True(expected == actual, $"cron({fields}) after {cursor:o}: expected {expected:o}, got {actual:o}");
                Assert.True(cron.Matches(actual!.Value), $"cron({fields}): Matches disagrees at {actual:o}");
                cursor = actual.Value;
            }
        }
    }

    [Theory]
    [InlineData("0 12 L * ? *", "2024-02-01T00:00", "2024-02-29T12:00")]
    [InlineData("0 12 L * ? *", "2023-02-01T00:00", "2023-02-28T12:00")]
    [InlineData("0 0 29 2 ? *", "2025-01-01T00:00", "2028-02-29T00:00")]
    [InlineData("0 9 1W * ? *", "2022-10-01T00:00", "2022-10-03T09:00")]
    [InlineData("0 9 15W * ? *", "2022-10-01T00:00", "2022-10-14T09:00")]
    [InlineData("0 9 31W * ? *", "2022-07-01T00:00", "2022-07-29T09:00")]
    [InlineData("0 9 LW * ? *", "2022-04-01T00:00", "2022-04-29T09:00")]
    [InlineData("30 8 ? * 6L *", "2024-05-01T00:00", "2024-05-31T08:30")]
    [InlineData("0 10 ? * 3#2 *", "2024-06-01T00:00", "2024-06-11T10:00")]
    [InlineData("0 10 ? * MON#5 *", "2024-01-01T00:00", "2024-01-29T10:00")]
    [InlineData("0/15 22-2 ? * FRI-MON 2024", "2024-03-02T01:50", "2024-03-02T02:00")]
    [InlineData("5 0 * JAN ? 2025-2026", "2025-01-31T00:05", "2026-01-01T00:05")]
    [InlineData("0 0 1 1 ? 2199", "2199-01-01T00:00", null)]
    public void Next_PinnedCases(string fields, string after, string? expected)
    {
        var cron = CronExpression.Parse(fields)!;
        Assert.Equal(expected is null ? null : DateTime.Parse(expected), cron.Next(DateTime.Parse(after)));
    }

    private static string RandomExpression(Random random)
    {
        var minutes = Plain(random, 0, 59, null);
        var hours = Plain(random, 0, 23, null);
        var months = random.Next(4) == 0 ? Plain(random, 1, 12, ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]) : "*";
        var years = random.Next(5) switch
        {
            0 => $"{random.Next(2020, 2035)}-{random.Next(2035, 2045)}",
            1 => $"{random.Next(2020, 2040)}/{random.Next(1, 4)}",
            _ => "*",
        };
        string dayOfMonth, dayOfWeek;
        if (random.Next(2) == 0)
        {
            dayOfWeek = "?";
            dayOfMonth = random.Next(6) switch
            {
                0 => "L",
                1 => $"{random.Next(1, 32)}W",
                2 => "LW",
                3 => "*",
                _ => Plain(random, 1, 31, null),
            };
        }
        else
        {
            dayOfMonth = "?";
            var day = random.Next(2) == 0 ? DayNames[random.Next(7)] : random.Next(1, 8).ToString();
            dayOfWeek = random.Next(5) switch
            {
                0 => $"{day}L",
                1 => $"{day}#{random.Next(1, 6)}",
                2 => "L",
                _ => Plain(random, 1, 7, DayNames),
            };
        }
        return $"{minutes} {hours} {dayOfMonth} {months} {dayOfWeek} {years}";
    }

    private static string Plain(Random random, int min, int max, string[]? names)
    {
        string Value(int v) => names is not null && random.Next(2) == 0 ? names[v - min] : v.ToString();
        return random.Next(6) switch
        {
            0 => "*",
            1 => Value(random.Next(min, max + 1)),
            2 => $"{Value(random.Next(min, max + 1))}-{Value(random.Next(min, max + 1))}",
            3 => $"{random.Next(min, max + 1)}/{random.Next(1, (max - min) / 2 + 2)}",
            4 => $"*/{random.Next(1, (max - min) / 2 + 2)}",
            _ => string.Join(',', Enumerable.Range(0, random.Next(2, 5)).Select(_ => Value(random.Next(min, max + 1))).Distinct()),
        };
    }
}
