using System.Collections.Concurrent;

namespace Nimbus.Core.Storage;

/// <summary>
/// Read connections of one database, each with its prepared statements (<see cref="SqliteCommandCache"/>), handed
/// out one caller at a time: a hot read costs a bind and a step, not an open, its pragmas and a prepare. WAL lets
/// them read while the group-commit writer writes. The pool grows to the peak number of concurrent readers.
/// </summary>
public sealed class SqliteReaderPool(SqliteDatabase database) : IDisposable
{
    private readonly ConcurrentBag<SqliteCommandCache> _idle = [];

    /// <summary>A connection for the caller alone until the lease is disposed.</summary>
    public Lease Rent() => new(this, _idle.TryTake(out var cache) ? cache : new SqliteCommandCache(database.Open()));

    public void Dispose()
    {
        while (_idle.TryTake(out var cache))
        {
            cache.Dispose();
        }
    }

    public readonly struct Lease(SqliteReaderPool pool, SqliteCommandCache cache) : IDisposable
    {
        public SqliteCommandCache Cache => cache;

        public void Dispose() => pool._idle.Add(cache);
    }
}
