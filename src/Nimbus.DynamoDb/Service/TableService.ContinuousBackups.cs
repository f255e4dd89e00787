using Nimbus.Core;
using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.Service;

internal sealed partial class TableService
{
    public const int DefaultRecoveryPeriodInDays = 35;

    /// <summary>
    /// AWS's latest restorable time trails the present by about five minutes
    /// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery_Howitworks.html).
    /// </summary>
    private static readonly TimeSpan RestoreLag = TimeSpan.FromMinutes(5);

    /// <summary>The table for DescribeContinuousBackups/UpdateContinuousBackups, which answer TableNotFoundException.</summary>
    public TableDefinition ForContinuousBackups(AwsScope scope, string nameOrArn) =>
        _catalog.Find(scope, TableCatalog.NameOf(nameOrArn)) ?? throw DynamoDbErrors.TableNotFoundForBackup(TableCatalog.NameOf(nameOrArn));

    /// <summary>UpdateContinuousBackups: enables (with a recovery period of 1–35 days, default 35) or disables PITR, durably.</summary>
    public async Task<TableDefinition> UpdateContinuousBackupsAsync(AwsScope scope, string nameOrArn, bool enabled, int? period)
    {
        if (period is < 1 or > 35)
        {
            var bound = period < 1 ? "greater than or equal to 1" : "less than or equal to 35";
            throw DynamoDbErrors.Validation($"1 validation error detected: Value '{period}' at 'pointInTimeRecoverySpecification.recoveryPeriodInDays' failed to satisfy constraint: Member must have value {bound}");
        }
        if (!enabled && period is not null)
        {
            throw DynamoDbErrors.InvalidParameter("RecoveryPeriodInDays can only be specified when PointInTimeRecoveryEnabled is true");
        }
        var table = ForContinuousBackups(scope, nameOrArn);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        var recovery = enabled
            // Changing only the period keeps the time PITR was enabled: the restorable window does not restart.
            ? new PointInTimeRecovery(period ?? DefaultRecoveryPeriodInDays, table.PointInTimeRecovery?.EnabledAt ?? now)
            : null;
        return await SaveAsync(table with { PointInTimeRecovery = recovery });
    }

    /// <summary>The restorable window of an enabled PITR at this moment: (earliest, latest) in epoch seconds.</summary>
    public (double Earliest, double Latest) RestorableWindow(PointInTimeRecovery recovery)
    {
        var now = _time.GetUtcNow();
        var earliest = Math.Max(recovery.EnabledAt, (now - TimeSpan.FromDays(recovery.RecoveryPeriodInDays)).ToUnixTimeMilliseconds() / 1000.0);
        var latest = Math.Max(earliest, (now - RestoreLag).ToUnixTimeMilliseconds() / 1000.0);
        return (earliest, latest);
    }
}
