using System.Text.Json;
using Nimbus.Core;
using Nimbus.EventBridge.Model;
using Nimbus.EventBridge.Schedules;
using Nimbus.EventBridge.Service;
using Nimbus.EventBridge.Store;

namespace Nimbus.EventBridge.Firing;

/// <summary>A rule with a <c>ScheduleExpression</c>: each tick sends AWS's "Scheduled Event" to its targets. Rules run in UTC.</summary>
internal sealed class RuleJob : ScheduledJob
{
    private readonly RuleRecord _rule;

    private RuleJob(AwsScope scope, RuleRecord rule, ScheduleTiming timing)
        : base(ScheduleKeys.Rule(scope, rule.EventBusName, rule.Name), scope, timing) => _rule = rule;

    /// <summary>The job of an enabled scheduled rule (or of any, with <paramref name="evenIfDisabled"/>), or null when the rule does not fire.</summary>
    public static RuleJob? For(AwsScope scope, RuleRecord rule, bool evenIfDisabled = false)
    {
        if (!(rule.IsEnabled || evenIfDisabled) || ScheduleExpression.Parse(rule.ScheduleExpression, allowAt: false) is not { } expression)
        {
            return null;
        }
        // A rate rule first fires one period after it is created (or enabled), then every period.
        return new RuleJob(scope, rule, new ScheduleTiming(expression, rule.ScheduleAnchor, firstTickAtAnchor: false));
    }

    public override IReadOnlyList<Delivery> Deliveries(DateTimeOffset tick, DateTimeOffset now)
    {
        var json = EventEnvelope.Scheduled(Scope.AccountId, Scope.Region, _rule.Arn, tick);
        using var document = JsonDocument.Parse(json);
        return TargetPayload.ForRule(Scope, _rule, document.RootElement, now);
    }

    public override SkippedTarget NoDelivery => TargetPayload.NoDelivery(_rule);
}
