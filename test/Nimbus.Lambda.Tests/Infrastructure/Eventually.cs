namespace Nimbus.Lambda.Tests.Infrastructure;

/// <summary>Waits (bounded, in real time) for a condition that background work makes true; a timeout names the phase.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string phase, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Stalled waiting for: " + phase);
            }
            await Task.Delay(10);
        }
    }
}
