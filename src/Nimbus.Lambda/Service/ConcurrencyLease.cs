namespace Nimbus.Lambda.Service;

/// <summary>One counted invocation; disposing it counts it out.</summary>
internal readonly record struct ConcurrencyLease(FunctionEntry Entry, ConcurrencyGovernor.AccountCounters Account, bool Unreserved) : IDisposable
{
    public void Dispose()
    {
        Entry.DecrementInFlight();
        Interlocked.Decrement(ref Account.Total);
        if (Unreserved)
        {
            Interlocked.Decrement(ref Account.Unreserved);
        }
    }
}
