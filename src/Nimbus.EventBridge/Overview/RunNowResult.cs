namespace Nimbus.EventBridge.Overview;

/// <summary>What "run now" did: the firing time and how many deliveries it queued (0: recorded as SKIPPED).</summary>
internal sealed record RunNowResult(DateTimeOffset At, int Deliveries);
