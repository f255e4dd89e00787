using Nimbus.Core.Queues;

namespace Nimbus.Billing.Usage;

/// <summary>
/// Usage summed per (account, day, hour, service, usage type, resource) until the next commit: a busy function's
/// invokes add to two sums rather than queueing two records each.
/// </summary>
public sealed class UsageBuffer : IPacedBuffer
{
    private readonly Dictionary<Key, decimal> _totals = [];

    public int Count => _totals.Count;

    public void Clear() => _totals.Clear();

    public void Add(string accountId, DateOnly day, int? hour, string service, string usageType, string resource, decimal quantity)
    {
        var key = new Key(accountId, day, hour, service, usageType, resource);
        _totals[key] = _totals.GetValueOrDefault(key) + quantity;
    }

    /// <summary>The sums as the store's increments.</summary>
    public List<UsageIncrement> Increments() =>
        _totals.Select(t => new UsageIncrement(t.Key.AccountId, t.Key.Day, t.Key.Service, t.Key.UsageType, t.Key.Resource, t.Value, t.Key.Hour)).ToList();

    private readonly record struct Key(string AccountId, DateOnly Day, int? Hour, string Service, string UsageType, string Resource);
}
