namespace Nimbus.Execution.Tests.Infrastructure;

/// <summary>Bounds every wait so that a stall fails fast and says which phase stalled.</summary>
internal static class TaskTimeouts
{
    public static async Task<T> Within<T>(this Task<T> task, double seconds, string phase)
    {
        try
        {
            return await task.WaitAsync(TimeSpan.FromSeconds(seconds));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Stalled after {seconds} s while {phase}");
        }
    }

    public static async Task Within(this Task task, double seconds, string phase)
    {
        try
        {
            await task.WaitAsync(TimeSpan.FromSeconds(seconds));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Stalled after {seconds} s while {phase}");
        }
    }
}
