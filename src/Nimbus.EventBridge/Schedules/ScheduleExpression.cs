using System.Globalization;
using System.Text.RegularExpressions;

namespace Nimbus.EventBridge.Schedules;

/// <summary>
/// A parsed schedule expression: <c>rate(N unit)</c>, <c>cron(six fields)</c> or (EventBridge Scheduler only)
/// <c>at(yyyy-mm-ddThh:mm:ss)</c>.
/// </summary>
internal sealed partial class ScheduleExpression
{
    private ScheduleExpression(string text, ScheduleKind kind)
    {
        Text = text;
        Kind = kind;
    }

    public string Text { get; }

    public ScheduleKind Kind { get; }

    /// <summary>The period of a rate expression.</summary>
    public TimeSpan Period { get; private init; }

    public CronExpression? Cron { get; private init; }

    /// <summary>The wall-clock time of an <c>at</c> expression, in the schedule's time zone.</summary>
    public DateTime At { get; private init; }

    /// <summary>
    /// Parses an expression as AWS does. Rate units are singular for 1 and plural otherwise: AWS rejects
    /// <c>rate(1 minutes)</c> and <c>rate(5 minute)</c>
    /// (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html#eb-rate-expressions).
    /// </summary>
    public static ScheduleExpression? Parse(string? text, bool allowAt)
    {
        if (text is null)
        {
            return null;
        }
        var rate = RatePattern().Match(text);
        if (rate.Success)
        {
            if (!int.TryParse(rate.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                return null;
            }
            var unit = rate.Groups[2].Value;
            var plural = unit.EndsWith('s');
            if (plural != (value != 1))
            {
                return null;
            }
            var period = unit.TrimEnd('s') switch
            {
                "minute" => TimeSpan.FromMinutes(value),
                "hour" => TimeSpan.FromHours(value),
                _ => TimeSpan.FromDays(value),
            };
            return new ScheduleExpression(text, ScheduleKind.Rate) { Period = period };
        }
        if (text.StartsWith("cron(", StringComparison.Ordinal) && text.EndsWith(')'))
        {
            var cron = CronExpression.Parse(text[5..^1]);
            return cron is null ? null : new ScheduleExpression(text, ScheduleKind.Cron) { Cron = cron };
        }
        var at = AtPattern().Match(text);
        if (allowAt && at.Success
            && DateTime.TryParseExact(at.Groups[1].Value, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var when))
        {
            return new ScheduleExpression(text, ScheduleKind.At) { At = DateTime.SpecifyKind(when, DateTimeKind.Unspecified) };
        }
        return null;
    }

    [GeneratedRegex(@"^rate\(([0-9]+) (minutes?|hours?|days?)\)$", RegexOptions.CultureInvariant)]
    private static partial Regex RatePattern();

    [GeneratedRegex(@"^at\(([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2})\)$", RegexOptions.CultureInvariant)]
    private static partial Regex AtPattern();
}
