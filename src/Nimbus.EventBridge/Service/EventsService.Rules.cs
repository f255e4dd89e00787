using Nimbus.Core;
using Nimbus.EventBridge.Model;

namespace Nimbus.EventBridge.Service;

internal sealed partial class EventsService
{
    /// <summary>Creates or updates a rule (PutRule). Returns its ARN.</summary>
    public string PutRule(AwsScope scope, string busNameOrArn, string name, string? schedule, string? pattern, string? state,
        string? description, string? roleArn, IReadOnlyDictionary<string, string>? tags)
    {
        var bus = BusName(busNameOrArn);
        if (schedule is null && pattern is null)
        {
            throw EventsErrors.Validation("Parameter(s) EventPattern or ScheduleExpression must be specified.");
        }
        if (schedule is not null)
        {
            if (bus != DefaultBus)
            {
                throw EventsErrors.Validation("ScheduleExpression is supported only on the default event bus.");
            }
            ValidateSchedule(schedule);
        }
        if (pattern is not null)
        {
            CompilePattern(pattern);
        }
        if (state is not null && state is not ("ENABLED" or "DISABLED" or "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"))
        {
            throw EventsErrors.Constraint(state, "state", "Member must satisfy enum value set: [ENABLED, DISABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS]");
        }
        lock (_writes)
        {
            RequireBus(scope, bus);
            var existing = _store.GetRule(scope, bus, name);
            var now = _time.GetUtcNow();
            var newState = state ?? "ENABLED";
            // The rate count restarts when the schedule changes or the rule is (re-)enabled, as a new schedule would.
            var restart = existing is null || existing.ScheduleExpression != schedule || (!existing.IsEnabled && newState != "DISABLED");
            var rule = new RuleRecord
            {
                Name = name,
                EventBusName = bus,
                Arn = RuleArn(scope, bus, name),
                ScheduleExpression = schedule,
                EventPattern = pattern,
                State = newState,
                Description = description,
                RoleArn = roleArn,
                CreatedBy = scope.AccountId,
                ScheduleAnchor = restart ? now : existing!.ScheduleAnchor,
                Targets = existing?.Targets ?? [],
                Tags = Merge(existing?.Tags, tags),
            };
            SaveRule(scope, rule);
            return rule.Arn;
        }
    }

    public RuleRecord DescribeRule(AwsScope scope, string? busNameOrArn, string name) => RequireRule(scope, BusName(busNameOrArn), name);

    public Page<RuleRecord> ListRules(AwsScope scope, string? busNameOrArn, string? prefix, string? token, int? limit)
    {
        var bus = BusName(busNameOrArn);
        RequireBus(scope, bus);
        var rules = _store.ListRules(scope, bus).Where(r => prefix is null || r.Name.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        return Page<RuleRecord>.Of(rules, r => r.Name, token, limit ?? 100, BadToken);
    }

    /// <summary>DeleteRule: AWS refuses while the rule has targets ("Rule can't be deleted since it has targets.").</summary>
    public void DeleteRule(AwsScope scope, string? busNameOrArn, string name, bool force)
    {
        var bus = BusName(busNameOrArn);
        lock (_writes)
        {
            RequireBus(scope, bus);
            if (_store.GetRule(scope, bus, name) is not { } rule)
            {
                // Deleting a rule that does not exist succeeds, as on AWS.
                return;
            }
            if (rule.Targets.Count > 0)
            {
                throw EventsErrors.Validation("Rule can't be deleted since it has targets.");
            }
            _store.DeleteRule(scope, bus, name);
            _engine.Remove(Store.ScheduleKeys.Rule(scope, bus, name));
        }
    }

    public void SetRuleState(AwsScope scope, string? busNameOrArn, string name, bool enabled)
    {
        var bus = BusName(busNameOrArn);
        lock (_writes)
        {
            var rule = RequireRule(scope, bus, name);
            if (rule.IsEnabled == enabled)
            {
                return;
            }
            SaveRule(scope, rule with { State = enabled ? "ENABLED" : "DISABLED", ScheduleAnchor = enabled ? _time.GetUtcNow() : rule.ScheduleAnchor });
        }
    }

    public IReadOnlyList<string> ListRuleNamesByTarget(AwsScope scope, string? busNameOrArn, string targetArn, string? token, int? limit, out string? nextToken)
    {
        var bus = BusName(busNameOrArn);
        RequireBus(scope, bus);
        var names = _store.ListRules(scope, bus).Where(r => r.Targets.Any(t => t.Arn == targetArn)).Select(r => r.Name).ToList();
        var page = Page<string>.Of(names, n => n, token, limit ?? 100, BadToken);
        nextToken = page.NextToken;
        return page.Items;
    }

    /// <summary>Tags of a rule or bus, by ARN.</summary>
    public IReadOnlyDictionary<string, string> ListTags(AwsScope scope, string arn) => ResolveTagged(scope, arn) switch
    {
        (RuleRecord rule, _) => rule.Tags,
        (_, EventBusRecord bus) => bus.Tags,
        _ => throw EventsErrors.ResourceNotFound($"Resource {arn} does not exist."),
    };

    public void Tag(AwsScope scope, string arn, IReadOnlyDictionary<string, string>? add, IReadOnlyList<string>? remove)
    {
        lock (_writes)
        {
            switch (ResolveTagged(scope, arn))
            {
                case (RuleRecord rule, _):
                    _store.SaveRule(scope, rule with { Tags = Retag(rule.Tags, add, remove) });
                    break;
                case (_, EventBusRecord bus):
                    _store.UpdateBus(scope, bus with { Tags = Retag(bus.Tags, add, remove) });
                    break;
                default:
                    throw EventsErrors.ResourceNotFound($"Resource {arn} does not exist.");
            }
        }
    }

    private (RuleRecord?, EventBusRecord?) ResolveTagged(AwsScope scope, string arn)
    {
        if (!Arn.TryParse(arn, out var parsed) || parsed.Service != "events")
        {
            throw EventsErrors.Validation($"Resource {arn} is not a valid ARN.");
        }
        var resource = parsed.Resource;
        if (resource.StartsWith("event-bus/", StringComparison.Ordinal))
        {
            var bus = resource["event-bus/".Length..];
            return (null, bus == DefaultBus ? RequireBus(scope, bus) : _store.GetBus(scope, bus));
        }
        if (resource.StartsWith("rule/", StringComparison.Ordinal))
        {
            var path = resource["rule/".Length..];
            var slash = path.LastIndexOf('/');
            var (bus, name) = slash < 0 ? (DefaultBus, path) : (path[..slash], path[(slash + 1)..]);
            return (_store.GetRule(scope, bus, name), null);
        }
        return (null, null);
    }

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string>? existing, IReadOnlyDictionary<string, string>? added) =>
        Retag(existing ?? new Dictionary<string, string>(), added, null);

    private static Dictionary<string, string> Retag(IReadOnlyDictionary<string, string> tags, IReadOnlyDictionary<string, string>? add, IReadOnlyList<string>? remove)
    {
        var result = new Dictionary<string, string>(tags, StringComparer.Ordinal);
        foreach (var (key, value) in add ?? new Dictionary<string, string>())
        {
            result[key] = value;
        }
        foreach (var key in remove ?? [])
        {
            result.Remove(key);
        }
        return result;
    }

    private static Exception BadToken(string token) => EventsErrors.Validation("The NextToken provided is invalid.");
}
