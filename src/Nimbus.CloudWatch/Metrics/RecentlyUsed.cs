using System.Diagnostics.CodeAnalysis;

namespace Nimbus.CloudWatch.Metrics;

/// <summary>
/// The last few entries of a dictionary that was hit, found again by a cheaper test than the dictionary's (comparing
/// strings by reference, where the dictionary would hash them): on the invoke path the same function's and metric's
/// configuration strings come back on every call. A miss only costs the dictionary lookup it saved. Not thread-safe: the
/// buffer that owns it is guarded by its writer's lock.
/// </summary>
internal sealed class RecentlyUsed<TKey, TValue>(Func<TKey, TKey, bool> same)
    where TKey : struct
{
    private const int Size = 4;

    private readonly (TKey Key, TValue Value)[] _entries = new (TKey, TValue)[Size];
    private int _count;
    private int _next;

    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        for (var i = 0; i < _count; i++)
        {
            if (same(_entries[i].Key, key))
            {
                value = _entries[i].Value;
                return true;
            }
        }
        value = default;
        return false;
    }

    public void Remember(TKey key, TValue value)
    {
        _entries[_next] = (key, value);
        _next = (_next + 1) % Size;
        _count = Math.Max(_count, _next == 0 ? Size : _next);
    }

    public void Clear()
    {
        Array.Clear(_entries);
        _count = 0;
        _next = 0;
    }
}
