using System.Text;
using System.Text.Json;
using Nimbus.Core;
using Nimbus.EventBridge.Model;

namespace Nimbus.EventBridge.Service;

internal sealed partial class EventsService
{
    /// <summary>"The total entry size must be less than 256KB" for one PutEvents request.</summary>
    public const int MaxPutEventsBytes = 256 * 1024;

    public const int MaxPutEventsEntries = 10;

    /// <summary>
    /// PutEvents: builds each event, matches it against every enabled rule of its bus, and queues one delivery per
    /// Lambda target durably before answering. Bad entries get their own error; the others still go through.
    /// </summary>
    public IReadOnlyList<PutEventsResult> PutEvents(AwsScope scope, IReadOnlyList<PutEventsEntry> entries)
    {
        if (entries.Count is < 1 or > MaxPutEventsEntries)
        {
            throw EventsErrors.Constraint($"[{entries.Count} entries]", "entries", "Member must have length less than or equal to 10");
        }
        if (entries.Sum(EntrySize) > MaxPutEventsBytes)
        {
            throw EventsErrors.Validation("Total size of the entries in the request is over the limit.");
        }
        var now = _time.GetUtcNow();
        var results = new List<PutEventsResult>(entries.Count);
        var deliveries = new List<Delivery>();
        var rulesByBus = new Dictionary<string, IReadOnlyList<RuleRecord>>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (EntryProblem(entry) is { } problem)
            {
                results.Add(problem);
                continue;
            }
            var bus = BusName(entry.EventBusName);
            if (!rulesByBus.TryGetValue(bus, out var rules))
            {
                if (bus != DefaultBus && _store.GetBus(scope, bus) is null)
                {
                    results.Add(new PutEventsResult(null, "ResourceNotFoundException", $"Event bus {bus} does not exist."));
                    continue;
                }
                rules = _store.ListRules(scope, bus).Where(r => r.IsEnabled && r.EventPattern is not null && r.Targets.Count > 0).ToList();
                rulesByBus[bus] = rules;
            }
            var id = Guid.NewGuid().ToString("D");
            var json = EventEnvelope.Build(id, entry.DetailType!, entry.Source!, scope.AccountId, entry.Time ?? now, scope.Region,
                entry.Resources ?? [], entry.Detail!);
            using var document = JsonDocument.Parse(json);
            foreach (var rule in rules)
            {
                if (CompilePattern(rule.EventPattern!).Matches(document.RootElement))
                {
                    deliveries.AddRange(TargetPayload.ForRule(scope, rule, document.RootElement, now));
                }
            }
            results.Add(new PutEventsResult(id, null, null));
        }
        if (deliveries.Count > 0)
        {
            _store.Enqueue(deliveries);
            _deliveries.Signal();
        }
        return results;
    }

    /// <summary>TestEventPattern: whether <paramref name="eventJson"/> matches <paramref name="pattern"/>.</summary>
    public bool TestEventPattern(string pattern, string eventJson)
    {
        var compiled = CompilePattern(pattern);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(eventJson);
        }
        catch (JsonException)
        {
            throw EventsErrors.Validation("Parameter Event is not valid.");
        }
        using (document)
        {
            var root = document.RootElement;
            // AWS checks the event has the envelope's fields before matching.
            string[] required = ["id", "account", "source", "time", "region", "detail-type"];
            if (root.ValueKind != JsonValueKind.Object || required.Any(f => !root.TryGetProperty(f, out _)))
            {
                throw EventsErrors.Validation("Parameter Event is not valid.");
            }
            return compiled.Matches(root);
        }
    }

    private static PutEventsResult? EntryProblem(PutEventsEntry entry)
    {
        if (string.IsNullOrEmpty(entry.Source))
        {
            return new PutEventsResult(null, "InvalidArgument", "Parameter Source is not valid. Reason: Source is a required argument.");
        }
        if (string.IsNullOrEmpty(entry.DetailType))
        {
            return new PutEventsResult(null, "InvalidArgument", "Parameter DetailType is not valid. Reason: DetailType is a required argument.");
        }
        if (string.IsNullOrEmpty(entry.Detail))
        {
            return new PutEventsResult(null, "InvalidArgument", "Parameter Detail is not valid. Reason: Detail is a required argument.");
        }
        try
        {
            using var detail = JsonDocument.Parse(entry.Detail);
            if (detail.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new PutEventsResult(null, "MalformedDetail", "Detail is malformed.");
            }
        }
        catch (JsonException)
        {
            return new PutEventsResult(null, "MalformedDetail", "Detail is malformed.");
        }
        return null;
    }

    /// <summary>AWS's entry size: Time (14 bytes if set) plus the UTF-8 bytes of Source, DetailType, Detail and Resources.</summary>
    private static int EntrySize(PutEventsEntry entry) =>
        (entry.Time is null ? 0 : 14) + Bytes(entry.Source) + Bytes(entry.DetailType) + Bytes(entry.Detail)
        + (entry.Resources?.Sum(Bytes) ?? 0);

    private static int Bytes(string? text) => text is null ? 0 : Encoding.UTF8.GetByteCount(text);
}
