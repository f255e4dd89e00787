namespace Nimbus.EventBridge.Store;

/// <summary>A delivery the worker is done with (handed over, or given up on) and the outcome its firing records.</summary>
internal sealed record DeliveryOutcome(long Id, long? FiringId, string Outcome, string? Error, int Attempts, DateTimeOffset At);
