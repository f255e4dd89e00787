using System.Collections.Concurrent;
using Nimbus.ApiGateway.RestApis.Model;
using Nimbus.ApiGateway.RestApis.Store;

namespace Nimbus.ApiGateway.RestApis.Service;

/// <summary>
/// Requests per usage plan, API key and UTC day: what quotas are checked against and GetUsage reports. Counting is on
/// the request path, so increments are kept in memory and written to the store in batches at most a second apart
/// (and at shutdown); a crash can forget the last second of counts, never a control-plane change.
/// </summary>
internal sealed class UsageCounter : IDisposable
{
    private static readonly TimeSpan FlushEvery = TimeSpan.FromSeconds(1);

    private readonly IRestApiStore _store;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<(string Plan, string Key, DateOnly Day), long> _used = new();
    private readonly Dictionary<(string Plan, string Key, DateOnly Day), long> _pending = [];
    private readonly Lock _gate = new();
    private readonly ITimer _timer;

    public UsageCounter(IRestApiStore store, TimeProvider time)
    {
        _store = store;
        _time = time;
        foreach (var (plan, key, day, used) in store.LoadUsage())
        {
            if (DateOnly.TryParseExact(day, "yyyy-MM-dd", out var date))
            {
                _used[(plan, key, date)] = used;
            }
        }
        _timer = time.CreateTimer(_ => Flush(), null, FlushEvery, FlushEvery);
    }

    public DateOnly Today => DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);

    public long Used(string planId, string keyId, DateOnly day) => _used.GetValueOrDefault((planId, keyId, day));

    public long UsedInPeriod(string planId, string keyId, DateOnly from, DateOnly to)
    {
        long total = 0;
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            total += Used(planId, keyId, day);
        }
        return total;
    }

    /// <summary>Counts one request unless it would exceed the plan's quota (then false: 429 "Limit Exceeded").</summary>
    public bool TryCount(string planId, string keyId, QuotaSettings? quota)
    {
        var today = Today;
        lock (_gate)
        {
            if (quota is { Limit: { } limit } && UsedInPeriod(planId, keyId, QuotaPeriods.Start(quota, today), today) >= limit)
            {
                return false;
            }
            var key = (planId, keyId, today);
            _used.AddOrUpdate(key, 1, (_, used) => used + 1);
            _pending[key] = _pending.GetValueOrDefault(key) + 1;
            return true;
        }
    }

    public void Flush()
    {
        List<(string, string, string, long)> batch;
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return;
            }
            batch = [.. _pending.Select(p => (p.Key.Plan, p.Key.Key, p.Key.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), p.Value))];
            _pending.Clear();
        }
        _store.AddUsage(batch);
    }

    public void Dispose()
    {
        _timer.Dispose();
        Flush();
    }
}
