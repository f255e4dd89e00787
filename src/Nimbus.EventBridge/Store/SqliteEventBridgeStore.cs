using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Data.Sqlite;
using Nimbus.Core;
using Nimbus.Core.Storage;
using Nimbus.EventBridge.Model;

namespace Nimbus.EventBridge.Store;

/// <summary>
/// <see cref="IEventBridgeStore"/> on SQLite (<c>db/events.db</c>, WAL, synchronous=FULL). Each resource is one row
/// holding a JSON document; the tick state and the outbox have their own tables so a fire is one transaction.
/// </summary>
internal sealed partial class SqliteEventBridgeStore : IEventBridgeStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS buses (account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, doc TEXT NOT NULL,
            PRIMARY KEY (account, region, name));
        CREATE TABLE IF NOT EXISTS rules (account TEXT NOT NULL, region TEXT NOT NULL, bus TEXT NOT NULL, name TEXT NOT NULL,
            scheduled INTEGER NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (account, region, bus, name));
        CREATE TABLE IF NOT EXISTS schedule_groups (account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, doc TEXT NOT NULL,
            PRIMARY KEY (account, region, name));
        CREATE TABLE IF NOT EXISTS schedules (account TEXT NOT NULL, region TEXT NOT NULL, grp TEXT NOT NULL, name TEXT NOT NULL,
            doc TEXT NOT NULL, PRIMARY KEY (account, region, grp, name));
        CREATE TABLE IF NOT EXISTS ticks (key TEXT PRIMARY KEY, tick_ms INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, not_before_ms INTEGER NOT NULL, doc TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS outbox_due ON outbox (not_before_ms);
        """;

    private readonly SqliteDatabase _database;

    public SqliteEventBridgeStore(SqliteDatabase database)
    {
        _database = database;
        _database.EnsureSchema(Schema + FiringsSchema);
    }

    public EventBusRecord? GetBus(AwsScope scope, string name) =>
        QueryOne("SELECT doc FROM buses WHERE account=$a AND region=$r AND name=$n", StoreJsonContext.Default.EventBusRecord, Scoped(scope, ("$n", name)));

    public bool TryAddBus(AwsScope scope, EventBusRecord bus) =>
        Execute("INSERT OR IGNORE INTO buses VALUES ($a,$r,$n,$d)", Scoped(scope, ("$n", bus.Name), ("$d", Json(bus, StoreJsonContext.Default.EventBusRecord)))) == 1;

    public void UpdateBus(AwsScope scope, EventBusRecord bus) =>
        Execute("UPDATE buses SET doc=$d WHERE account=$a AND region=$r AND name=$n", Scoped(scope, ("$n", bus.Name), ("$d", Json(bus, StoreJsonContext.Default.EventBusRecord))));

    public void DeleteBus(AwsScope scope, string name)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        Run(connection, transaction, "DELETE FROM buses WHERE account=$a AND region=$r AND name=$n", Scoped(scope, ("$n", name)));
        Run(connection, transaction, "DELETE FROM rules WHERE account=$a AND region=$r AND bus=$n", Scoped(scope, ("$n", name)));
        DeleteKeyState(connection, transaction, "key LIKE $k ESCAPE '\\'", LikePrefix(ScheduleKeys.RulePrefix(scope, name)));
        transaction.Commit();
    }

    public IReadOnlyList<EventBusRecord> ListBuses(AwsScope scope) =>
        QueryMany("SELECT doc FROM buses WHERE account=$a AND region=$r ORDER BY name", StoreJsonContext.Default.EventBusRecord, Scoped(scope));

    public RuleRecord? GetRule(AwsScope scope, string bus, string name) =>
        QueryOne("SELECT doc FROM rules WHERE account=$a AND region=$r AND bus=$b AND name=$n", StoreJsonContext.Default.RuleRecord,
            Scoped(scope, ("$b", bus), ("$n", name)));

    public void SaveRule(AwsScope scope, RuleRecord rule) =>
        Execute("INSERT OR REPLACE INTO rules VALUES ($a,$r,$b,$n,$s,$d)", Scoped(scope, ("$b", rule.EventBusName), ("$n", rule.Name),
            ("$s", rule.ScheduleExpression is null ? 0 : 1), ("$d", Json(rule, StoreJsonContext.Default.RuleRecord))));

    public void DeleteRule(AwsScope scope, string bus, string name)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        Run(connection, transaction, "DELETE FROM rules WHERE account=$a AND region=$r AND bus=$b AND name=$n", Scoped(scope, ("$b", bus), ("$n", name)));
        DeleteKeyState(connection, transaction, "key=$k", ScheduleKeys.Rule(scope, bus, name));
        transaction.Commit();
    }

    public IReadOnlyList<RuleRecord> ListRules(AwsScope scope, string bus) =>
        QueryMany("SELECT doc FROM rules WHERE account=$a AND region=$r AND bus=$b ORDER BY name", StoreJsonContext.Default.RuleRecord, Scoped(scope, ("$b", bus)));

    public IReadOnlyList<(AwsScope Scope, RuleRecord Rule)> ListScheduledRules() =>
        QueryScoped("SELECT account, region, doc FROM rules WHERE scheduled=1", StoreJsonContext.Default.RuleRecord);

    public IReadOnlyList<(AwsScope Scope, RuleRecord Rule)> ListAllRules() =>
        QueryScoped("SELECT account, region, doc FROM rules ORDER BY account, region, bus, name", StoreJsonContext.Default.RuleRecord);

    public ScheduleGroupRecord? GetGroup(AwsScope scope, string name) =>
        QueryOne("SELECT doc FROM schedule_groups WHERE account=$a AND region=$r AND name=$n", StoreJsonContext.Default.ScheduleGroupRecord, Scoped(scope, ("$n", name)));

    public bool TryAddGroup(AwsScope scope, ScheduleGroupRecord group) =>
        Execute("INSERT OR IGNORE INTO schedule_groups VALUES ($a,$r,$n,$d)",
            Scoped(scope, ("$n", group.Name), ("$d", Json(group, StoreJsonContext.Default.ScheduleGroupRecord)))) == 1;

    public void UpdateGroup(AwsScope scope, ScheduleGroupRecord group) =>
        Execute("UPDATE schedule_groups SET doc=$d WHERE account=$a AND region=$r AND name=$n",
            Scoped(scope, ("$n", group.Name), ("$d", Json(group, StoreJsonContext.Default.ScheduleGroupRecord))));

    public void DeleteGroup(AwsScope scope, string name)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        Run(connection, transaction, "DELETE FROM schedule_groups WHERE account=$a AND region=$r AND name=$n", Scoped(scope, ("$n", name)));
        Run(connection, transaction, "DELETE FROM schedules WHERE account=$a AND region=$r AND grp=$n", Scoped(scope, ("$n", name)));
        DeleteKeyState(connection, transaction, "key LIKE $k ESCAPE '\\'", LikePrefix(ScheduleKeys.SchedulePrefix(scope, name)));
        transaction.Commit();
    }

    public IReadOnlyList<ScheduleGroupRecord> ListGroups(AwsScope scope) =>
        QueryMany("SELECT doc FROM schedule_groups WHERE account=$a AND region=$r ORDER BY name", StoreJsonContext.Default.ScheduleGroupRecord, Scoped(scope));

    public ScheduleRecord? GetSchedule(AwsScope scope, string group, string name) =>
        QueryOne("SELECT doc FROM schedules WHERE account=$a AND region=$r AND grp=$g AND name=$n", StoreJsonContext.Default.ScheduleRecord,
            Scoped(scope, ("$g", group), ("$n", name)));

    public bool TryAddSchedule(AwsScope scope, ScheduleRecord schedule) =>
        Execute("INSERT OR IGNORE INTO schedules VALUES ($a,$r,$g,$n,$d)",
            Scoped(scope, ("$g", schedule.GroupName), ("$n", schedule.Name), ("$d", Json(schedule, StoreJsonContext.Default.ScheduleRecord)))) == 1;

    public void UpdateSchedule(AwsScope scope, ScheduleRecord schedule) =>
        Execute("UPDATE schedules SET doc=$d WHERE account=$a AND region=$r AND grp=$g AND name=$n",
            Scoped(scope, ("$g", schedule.GroupName), ("$n", schedule.Name), ("$d", Json(schedule, StoreJsonContext.Default.ScheduleRecord))));

    public void DeleteSchedule(AwsScope scope, string group, string name)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        DeleteScheduleRows(connection, transaction, scope, group, name);
        transaction.Commit();
    }

    public IReadOnlyList<ScheduleRecord> ListSchedules(AwsScope scope, string? group) => group is null
        ? QueryMany("SELECT doc FROM schedules WHERE account=$a AND region=$r ORDER BY grp, name", StoreJsonContext.Default.ScheduleRecord, Scoped(scope))
        : QueryMany("SELECT doc FROM schedules WHERE account=$a AND region=$r AND grp=$g ORDER BY name", StoreJsonContext.Default.ScheduleRecord, Scoped(scope, ("$g", group)));

    public IReadOnlyList<(AwsScope Scope, ScheduleRecord Schedule)> ListAllSchedules() =>
        QueryScoped("SELECT account, region, doc FROM schedules", StoreJsonContext.Default.ScheduleRecord);

    private static void DeleteScheduleRows(SqliteConnection connection, SqliteTransaction transaction, AwsScope scope, string group, string name)
    {
        Run(connection, transaction, "DELETE FROM schedules WHERE account=$a AND region=$r AND grp=$g AND name=$n", Scoped(scope, ("$g", group), ("$n", name)));
        DeleteKeyState(connection, transaction, "key=$k", ScheduleKeys.Schedule(scope, group, name));
    }

    /// <summary>A deleted rule or schedule takes its fired-tick state and its firing record with it.</summary>
    private static void DeleteKeyState(SqliteConnection connection, SqliteTransaction transaction, string condition, string key)
    {
        Run(connection, transaction, "DELETE FROM ticks WHERE " + condition, [("$k", key)]);
        Run(connection, transaction, "DELETE FROM firings WHERE " + condition, [("$k", key)]);
    }

    private static string LikePrefix(string prefix) =>
        prefix.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";

    private static string Json<T>(T value, JsonTypeInfo<T> type) => JsonSerializer.Serialize(value, type);

    private static (string, object)[] Scoped(AwsScope scope, params (string, object)[] more) => [("$a", scope.AccountId), ("$r", scope.Region), .. more];
}
