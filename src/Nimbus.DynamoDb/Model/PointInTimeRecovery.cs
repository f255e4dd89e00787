namespace Nimbus.DynamoDb.Model;

/// <summary>
/// Point-in-time recovery of a table while it is enabled: the recovery window and when it was enabled (the earliest
/// restorable time never precedes it). Nimbus keeps the setting only; it cannot restore to a point in time.
/// </summary>
internal sealed record PointInTimeRecovery(int RecoveryPeriodInDays, double EnabledAt);
