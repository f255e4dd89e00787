using System.Text.Json;
using Nimbus.Core;
using Nimbus.EventBridge.Model;
using Nimbus.EventBridge.Store;
using Nimbus.EventBridge.Transform;

namespace Nimbus.EventBridge.Service;

/// <summary>
/// What a rule's target receives for one event: <c>Input</c> as given, the part <c>InputPath</c> selects, the
/// <c>InputTransformer</c>'s output, or else the whole event (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_Target.html).
/// </summary>
internal static class TargetPayload
{
    /// <summary>Default retry policy of a rule target: 185 attempts within 24 hours.</summary>
    public const int DefaultMaximumRetryAttempts = 185;

    public const int DefaultMaximumEventAgeInSeconds = 86_400;

    public static string Render(TargetRecord target, JsonElement @event, TransformContext context)
    {
        if (target.Input is not null)
        {
            return target.Input;
        }
        if (target.InputPath is not null)
        {
            return JsonPathSelector.Select(@event, target.InputPath) is { } part ? JsonPathSelector.Compact(part) : "null";
        }
        if (target.InputTemplate is not null)
        {
            return InputTransformer.Apply(target.InputTemplate, target.InputPathsMap ?? [], @event, context);
        }
        return JsonPathSelector.Compact(@event);
    }

    /// <summary>Deliveries of one event to every Lambda target of <paramref name="rule"/>.</summary>
    public static List<Delivery> ForRule(AwsScope scope, RuleRecord rule, JsonElement @event, DateTimeOffset now)
    {
        var deliveries = new List<Delivery>(rule.Targets.Count);
        var context = new TransformContext(rule.Arn, rule.Name, now);
        foreach (var target in rule.Targets)
        {
            if (!IsLambda(target.Arn))
            {
                continue;
            }
            deliveries.Add(new Delivery
            {
                Scope = scope,
                FunctionArn = target.Arn,
                Payload = Render(target, @event, context),
                Source = rule.Arn,
                CreatedAt = now,
                NotBefore = now,
                MaximumRetryAttempts = target.MaximumRetryAttempts ?? DefaultMaximumRetryAttempts,
                MaximumEventAgeInSeconds = target.MaximumEventAgeInSeconds ?? DefaultMaximumEventAgeInSeconds,
                DeadLetterArn = target.DeadLetterArn,
                FiringKey = ScheduleKeys.Rule(scope, rule.EventBusName, rule.Name),
            });
        }
        return deliveries;
    }

    /// <summary>Why <see cref="ForRule"/> produced nothing for <paramref name="rule"/>.</summary>
    public static SkippedTarget NoDelivery(RuleRecord rule) => rule.Targets.Count == 0
        ? new SkippedTarget("(no targets)", "The rule has no targets.")
        : new SkippedTarget(string.Join(", ", rule.Targets.Select(t => t.Arn)), "Nimbus invokes only Lambda function targets; no target was invoked.");

    public static bool IsLambda(string arn) => Arn.TryParse(arn, out var parsed) && parsed.Service == "lambda";
}
