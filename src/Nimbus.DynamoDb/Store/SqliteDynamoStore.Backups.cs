using System.Text.Json;
using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.Store;

/// <summary>
/// On-demand backups: a row per backup (its source table's definition and statistics as JSON) and a copy of the table's
/// item rows keyed by the backup's ARN, so a backup outlives its table and is read by a range scan.
/// </summary>
internal sealed partial class SqliteDynamoStore
{
    public BackupRecord? GetBackup(string arn)
    {
        using var lease = Lease();
        var command = lease.Cache.Get("SELECT definition FROM ddb_backups WHERE arn = $a", "$a");
        command.Parameters[0].Value = arn;
        return command.ExecuteScalar() is string json ? JsonSerializer.Deserialize(json, DynamoStoreJsonContext.Default.BackupRecord) : null;
    }

    public IReadOnlyList<BackupRecord> ListBackups(string accountId, string region)
    {
        using var lease = Lease();
        var command = lease.Cache.Get("SELECT definition FROM ddb_backups WHERE account = $o AND region = $r ORDER BY created, arn", "$o", "$r");
        command.Parameters[0].Value = accountId;
        command.Parameters[1].Value = region;
        using var reader = command.ExecuteReader();
        var backups = new List<BackupRecord>();
        while (reader.Read())
        {
            backups.Add(JsonSerializer.Deserialize(reader.GetString(0), DynamoStoreJsonContext.Default.BackupRecord)!);
        }
        return backups;
    }

    public IEnumerable<StoredItem> BackupItems(string arn)
    {
        using var lease = Lease();
        var command = lease.Cache.Get("SELECT hk, rk, item FROM ddb_backup_items WHERE arn = $a ORDER BY hk, rk", "$a");
        command.Parameters[0].Value = arn;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return new StoredItem((byte[])reader.GetValue(0), (byte[])reader.GetValue(1), (byte[])reader.GetValue(2));
        }
    }
}
