using Nimbus.Lambda.Service;

namespace Nimbus.Lambda.Store;

/// <summary>
/// Accepted asynchronous events, written before the 202 and removed once finished, so an event survives a crash
/// of the server (at-least-once, as on AWS).
/// </summary>
internal interface IAsyncEventStore
{
    void Add(AsyncInvocation invocation);

    /// <summary>Records a retry (counters, next attempt time, last response) so a restart resumes it where it was.</summary>
    void Update(AsyncInvocation invocation);

    void Remove(string requestId);

    IReadOnlyList<AsyncInvocation> LoadAll();
}
