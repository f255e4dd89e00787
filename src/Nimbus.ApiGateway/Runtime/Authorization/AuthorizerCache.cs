using System.Collections.Concurrent;
using Nimbus.ApiGateway.Service;

namespace Nimbus.ApiGateway.Runtime.Authorization;

/// <summary>
/// Lambda authorizer results kept for <c>AuthorizerResultTtlInSeconds</c>, keyed by the identity source values
/// (as AWS caches them); ResetAuthorizersCache and any change to the API forget an API's entries.
/// </summary>
internal sealed class AuthorizerCache
{
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<(string ApiId, string Stage, string AuthorizerId, string Identity), Entry> _entries = new();

    public AuthorizerCache(TimeProvider time, HttpApiService service)
    {
        _time = time;
        service.AuthorizerCacheReset += Forget;
        service.Changed += Forget;
    }

    public byte[]? Get(string apiId, string stage, string authorizerId, string identity)
    {
        var key = (apiId, stage, authorizerId, identity);
        if (_entries.TryGetValue(key, out var entry))
        {
            if (_time.GetUtcNow() < entry.Expires)
            {
                return entry.Response;
            }
            _entries.TryRemove(key, out _);
        }
        return null;
    }

    public void Put(string apiId, string stage, string authorizerId, string identity, byte[] response, int ttlSeconds) =>
        _entries[(apiId, stage, authorizerId, identity)] = new Entry(response, _time.GetUtcNow().AddSeconds(ttlSeconds));

    /// <summary>Drops every cached result of an API (its authorizers changed, or the stage's cache was flushed).</summary>
    public void Forget(string apiId)
    {
        foreach (var key in _entries.Keys.Where(k => k.ApiId == apiId))
        {
            _entries.TryRemove(key, out _);
        }
    }

    private sealed record Entry(byte[] Response, DateTimeOffset Expires);
}
