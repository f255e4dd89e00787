using Nimbus.Core;
using Nimbus.EventBridge.Model;

namespace Nimbus.EventBridge.Service;

internal sealed partial class EventsService
{
    public EventBusRecord CreateBus(AwsScope scope, string name, string? description, string? kmsKey, string? deadLetterArn,
        IReadOnlyDictionary<string, string>? tags)
    {
        if (name == DefaultBus || name.Contains('/', StringComparison.Ordinal) && !name.StartsWith("aws.partner/", StringComparison.Ordinal))
        {
            throw EventsErrors.Validation($"Event bus name must not be '{DefaultBus}' and must not contain '/'.");
        }
        var now = _time.GetUtcNow();
        var bus = new EventBusRecord
        {
            Name = name,
            Arn = BusArn(scope, name),
            Description = description,
            KmsKeyIdentifier = kmsKey,
            DeadLetterArn = deadLetterArn,
            CreationTime = now,
            LastModifiedTime = now,
            Tags = Merge(null, tags),
        };
        if (!_store.TryAddBus(scope, bus))
        {
            throw EventsErrors.BusExists(name);
        }
        return bus;
    }

    public EventBusRecord DescribeBus(AwsScope scope, string? nameOrArn) => RequireBus(scope, BusName(nameOrArn));

    /// <summary>DeleteEventBus: the default bus cannot be deleted; deleting a missing bus succeeds, as on AWS.</summary>
    public void DeleteBus(AwsScope scope, string nameOrArn)
    {
        var name = BusName(nameOrArn);
        if (name == DefaultBus)
        {
            throw EventsErrors.Validation("Cannot delete event bus default.");
        }
        lock (_writes)
        {
            foreach (var rule in _store.ListRules(scope, name))
            {
                _engine.Remove(Store.ScheduleKeys.Rule(scope, name, rule.Name));
            }
            _store.DeleteBus(scope, name);
        }
    }

    public Page<EventBusRecord> ListBuses(AwsScope scope, string? prefix, string? token, int? limit)
    {
        RequireBus(scope, DefaultBus);
        var buses = _store.ListBuses(scope).Where(b => prefix is null || b.Name.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        return Page<EventBusRecord>.Of(buses, b => b.Name, token, limit ?? 100, BadToken);
    }
}
