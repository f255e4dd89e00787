using Nimbus.Core;
using Nimbus.EventBridge.Model;
using Nimbus.EventBridge.Transform;

namespace Nimbus.EventBridge.Service;

internal sealed partial class EventsService
{
    /// <summary>PutTargets: adds or replaces targets by id. Entries that cannot be stored come back as failed entries.</summary>
    public IReadOnlyList<FailedEntry> PutTargets(AwsScope scope, string? busNameOrArn, string ruleName, IReadOnlyList<TargetRecord> targets)
    {
        var bus = BusName(busNameOrArn);
        lock (_writes)
        {
            var rule = RequireRule(scope, bus, ruleName);
            var failed = new List<FailedEntry>();
            var merged = rule.Targets.ToDictionary(t => t.Id, StringComparer.Ordinal);
            foreach (var target in targets)
            {
                if (TargetProblem(target) is { } problem)
                {
                    failed.Add(new FailedEntry(target.Id, "ValidationException", problem));
                    continue;
                }
                merged[target.Id] = target;
            }
            if (merged.Count > MaxTargetsPerRule)
            {
                throw EventsErrors.LimitExceeded($"The requested resource exceeds the maximum number allowed.");
            }
            // Keep the order targets were first added in, as ListTargetsByRule shows them.
            var ordered = rule.Targets.Where(t => merged.ContainsKey(t.Id)).Select(t => merged[t.Id])
                .Concat(merged.Values.Where(t => rule.Targets.All(old => old.Id != t.Id))).ToList();
            SaveRule(scope, rule with { Targets = ordered });
            return failed;
        }
    }

    public IReadOnlyList<FailedEntry> RemoveTargets(AwsScope scope, string? busNameOrArn, string ruleName, IReadOnlyList<string> ids)
    {
        var bus = BusName(busNameOrArn);
        lock (_writes)
        {
            var rule = RequireRule(scope, bus, ruleName);
            // Ids that are not targets of the rule are ignored, as AWS does (FailedEntryCount 0).
            SaveRule(scope, rule with { Targets = rule.Targets.Where(t => !ids.Contains(t.Id)).ToList() });
            return [];
        }
    }

    public Page<TargetRecord> ListTargets(AwsScope scope, string? busNameOrArn, string ruleName, string? token, int? limit)
    {
        var rule = RequireRule(scope, BusName(busNameOrArn), ruleName);
        return Page<TargetRecord>.Of(rule.Targets, t => t.Id, token, limit ?? 100, BadToken);
    }

    /// <summary>Why AWS would refuse a target, or null.</summary>
    private static string? TargetProblem(TargetRecord target)
    {
        if (!Arn.TryParse(target.Arn, out _))
        {
            return $"Parameter {target.Arn} is not valid for target {target.Id}.";
        }
        var inputs = (target.Input is null ? 0 : 1) + (target.InputPath is null ? 0 : 1) + (target.InputTemplate is null ? 0 : 1);
        if (inputs > 1)
        {
            return "Only one of Input, InputPath, or InputTransformer must be provided.";
        }
        if (target.Input is not null && !IsJson(target.Input))
        {
            return "Target Input is not valid JSON text.";
        }
        if (target.InputPath is not null && JsonPathSelector.Parse(target.InputPath) is null)
        {
            return "Target InputPath is not a valid JsonPath.";
        }
        foreach (var (key, path) in target.InputPathsMap ?? [])
        {
            if (JsonPathSelector.Parse(path) is null)
            {
                return $"Target InputPathsMap value for key {key} is not a valid JsonPath.";
            }
            if (key.StartsWith("aws.", StringComparison.Ordinal))
            {
                return $"InputPathsMap key {key} is reserved.";
            }
        }
        return null;
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = System.Text.Json.JsonDocument.Parse(text);
            return true;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
