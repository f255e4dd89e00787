using Nimbus.Core.Queues;

namespace Nimbus.Billing.Usage;

/// <summary>
/// Usage summed per (account, day, hour, service, usage type, resource) until the next commit: a busy function's
/// invokes add to two sums rather than queueing two records each. Lambda's invocations, on every invoke's path, are
/// summed apart as whole numbers (<see cref="AddInvocation"/>): one dictionary hit with two short strings in its key and
/// two integer additions, where the general sums cost two hits hashing four strings each and a decimal division
/// (bench/run observability-cost, UsageRecorder).
/// </summary>
public sealed class UsageBuffer : IPacedBuffer
{
    private readonly Dictionary<Key, decimal> _totals = [];
    private readonly Dictionary<InvocationKey, InvocationSums> _invocations = [];

    /// <summary>The increments <see cref="Increments"/> would give (what the writer's capacity counts).</summary>
    public int Count => _totals.Count + 2 * _invocations.Count;

    public void Clear()
    {
        _totals.Clear();
        _invocations.Clear();
    }

    public void Add(string accountId, DateOnly day, int? hour, string service, string usageType, string resource, decimal quantity)
    {
        var key = new Key(accountId, day, hour, service, usageType, resource);
        _totals[key] = _totals.GetValueOrDefault(key) + quantity;
    }

    /// <summary>One invocation of <paramref name="function"/>: a request, and <paramref name="memorySizeMb"/> × <paramref name="billedMs"/> MB-ms.</summary>
    public void AddInvocation(string accountId, DateOnly day, int hour, string function, bool arm, int memorySizeMb, long billedMs)
    {
        ref var sums = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_invocations,
            new InvocationKey(accountId, day, hour, function, arm), out _);
        sums.Requests++;
        sums.MegabyteMilliseconds += (long)memorySizeMb * billedMs;
    }

    /// <summary>The sums as the store's increments (Lambda's GB-seconds exact: MB-ms / 1,024,000 is a terminating decimal).</summary>
    public List<UsageIncrement> Increments()
    {
        var increments = _totals.Select(t => new UsageIncrement(t.Key.AccountId, t.Key.Day, t.Key.Service, t.Key.UsageType, t.Key.Resource, t.Value, t.Key.Hour)).ToList();
        foreach (var (key, sums) in _invocations)
        {
            increments.Add(new UsageIncrement(key.AccountId, key.Day, LambdaUsage.Service, key.Arm ? "Request-ARM" : "Request", key.Function, sums.Requests, key.Hour));
            increments.Add(new UsageIncrement(key.AccountId, key.Day, LambdaUsage.Service, key.Arm ? "Lambda-GB-Second-ARM" : "Lambda-GB-Second", key.Function,
                LambdaUsage.GbSeconds(sums.MegabyteMilliseconds), key.Hour));
        }
        return increments;
    }

    private readonly record struct Key(string AccountId, DateOnly Day, int? Hour, string Service, string UsageType, string Resource);

    private readonly record struct InvocationKey(string AccountId, DateOnly Day, int Hour, string Function, bool Arm);

    private struct InvocationSums
    {
        public long Requests;
        public long MegabyteMilliseconds;
    }
}
