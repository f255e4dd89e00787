namespace Nimbus.Core.Storage;

/// <summary>When a pipelined group commit answers a write (see <see cref="SqliteGroupCommit"/>).</summary>
public enum WriteDurability
{
    /// <summary>
    /// Once the WAL holding it is fsynced: an answered write survives <c>kill -9</c> of the server, a kernel crash and a
    /// power loss.
    /// </summary>
    Fsync,

    /// <summary>
    /// Once SQLite has written it into the WAL (the operating system holds it): an answered write survives <c>kill -9</c>
    /// of the server, which is what Nimbus promises. The WAL is still fsynced right behind the answers, so a kernel crash
    /// or power loss loses at most the writes answered during the last fsync (about a millisecond), and never leaves a
    /// table inconsistent (SQLite recovers a prefix of the committed transactions).
    /// </summary>
    Process,
}
