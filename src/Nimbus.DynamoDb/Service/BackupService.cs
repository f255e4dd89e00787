using System.Globalization;
using System.Security.Cryptography;
using Nimbus.Core;
using Nimbus.DynamoDb.Model;
using Nimbus.DynamoDb.Store;

namespace Nimbus.DynamoDb.Service;

/// <summary>
/// On-demand backups (CreateBackup, DescribeBackup, ListBackups, DeleteBackup, RestoreTableFromBackup). A backup is a copy
/// of the table's item rows and its definition taken in one store transaction, so it is AVAILABLE when the call returns
/// and is unaffected by later writes to, or the deletion of, its table.
/// </summary>
internal sealed partial class BackupService
{
    private readonly IDynamoStore _store;
    private readonly TableCatalog _catalog;
    private readonly TimeProvider _time;

    public BackupService(IDynamoStore store, TableCatalog catalog, TimeProvider time)
    {
        _store = store;
        _catalog = catalog;
        _time = time;
    }

    public async Task<BackupRecord> CreateAsync(AwsScope scope, string tableNameOrArn, string backupName)
    {
        SchemaValidator.TableName(backupName, "backupName");
        var name = TableCatalog.NameOf(tableNameOrArn);
        var table = _catalog.Find(scope, name) ?? throw DynamoDbErrors.TableNotFoundForBackup(name);
        var now = _time.GetUtcNow();
        // AWS's form: the creation time in milliseconds, zero-padded to 14 digits, and 8 random hex digits.
        var arn = string.Create(CultureInfo.InvariantCulture,
            $"{table.Arn}/backup/{now.ToUnixTimeMilliseconds():D14}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}");
        return await _store.WriteAsync(writer =>
        {
            // The definition as of this transaction (an UpdateTable or DeleteTable may have committed since the lookup).
            var current = _catalog.Find(scope, name) ?? throw DynamoDbErrors.TableNotFoundForBackup(name);
            var statistics = writer.TableStatistics(current.Id);
            var backup = new BackupRecord
            {
                Arn = arn,
                Name = backupName,
                CreatedAt = now.ToUnixTimeMilliseconds() / 1000.0,
                SizeBytes = statistics.Bytes,
                ItemCount = statistics.Count,
                Table = current,
            };
            writer.InsertBackup(backup, scope.AccountId, scope.Region, current.Id);
            return backup;
        });
    }

    public BackupRecord Describe(AwsScope scope, string arn) => Find(scope, arn) ?? throw DynamoDbErrors.BackupNotFound(arn);

    public async Task<BackupRecord> DeleteAsync(AwsScope scope, string arn)
    {
        var backup = Describe(scope, arn);
        var deleted = await _store.WriteAsync(writer => writer.DeleteBackup(arn));
        return deleted ? backup : throw DynamoDbErrors.BackupNotFound(arn);
    }

    /// <summary>
    /// ListBackups: the account's backups oldest first, filtered by table (name or ARN), creation time (lower bound
    /// inclusive, upper bound exclusive, as AWS documents) and type (all of Nimbus's are USER backups).
    /// </summary>
    public (IReadOnlyList<BackupRecord> Backups, string? LastEvaluated) List(AwsScope scope, BackupFilter filter)
    {
        if (filter.Limit is < 1 or > 100)
        {
            var bound = filter.Limit < 1 ? "greater than or equal to 1" : "less than or equal to 100";
            throw DynamoDbErrors.Validation($"1 validation error detected: Value '{filter.Limit}' at 'limit' failed to satisfy constraint: Member must have value {bound}");
        }
        if (filter.BackupType is not (null or "USER" or "SYSTEM" or "AWS_BACKUP" or "ALL"))
        {
            throw DynamoDbErrors.Validation($"1 validation error detected: Value '{filter.BackupType}' at 'backupType' failed to satisfy constraint: Member must satisfy enum value set: [USER, SYSTEM, AWS_BACKUP, ALL]");
        }
        if (filter.LowerBound is { } lower && filter.UpperBound is { } upper && lower > upper)
        {
            throw DynamoDbErrors.Validation("TimeRangeLowerBound must be less than or equal to TimeRangeUpperBound");
        }
        var table = filter.TableName is null ? null : TableCatalog.NameOf(filter.TableName);
        var matching = _store.ListBackups(scope.AccountId, scope.Region)
            .Where(b => table is null || b.Table.Name == table)
            .Where(b => filter.LowerBound is null || b.CreatedAt >= filter.LowerBound)
            .Where(b => filter.UpperBound is null || b.CreatedAt < filter.UpperBound)
            .Where(b => filter.BackupType is null or "USER" or "ALL")
            .ToList();
        if (filter.ExclusiveStart is { } start)
        {
            // Resumes after the start's place in (creation time, ARN) order, which its ARN carries: a page boundary
            // holds even if that backup has been deleted since.
            var startKey = OrderKey(start);
            matching = matching.Where(b => OrderKey(b.Arn).CompareTo(startKey) > 0).ToList();
        }
        var limit = filter.Limit ?? 100;
        return matching.Count > limit ? (matching[..limit], matching[limit - 1].Arn) : (matching, null);
    }

    /// <summary>(creation milliseconds, ARN) from the ARN's <c>backup/&lt;ms&gt;-&lt;hex&gt;</c> suffix.</summary>
    private static (long, string) OrderKey(string arn)
    {
        var at = arn.LastIndexOf("/backup/", StringComparison.Ordinal);
        var dash = at < 0 ? -1 : arn.IndexOf('-', at);
        if (dash < 0 || !long.TryParse(arn.AsSpan(at + 8, dash - at - 8), NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
        {
            throw DynamoDbErrors.Validation($"Invalid BackupArn provided as input: {arn}");
        }
        return (ms, arn);
    }

    /// <summary>A backup of the caller's account and region (a backup ARN names both).</summary>
    private BackupRecord? Find(AwsScope scope, string arn) =>
        arn.StartsWith(Arn.Build("dynamodb", scope, "table/"), StringComparison.Ordinal) ? _store.GetBackup(arn) : null;
}
