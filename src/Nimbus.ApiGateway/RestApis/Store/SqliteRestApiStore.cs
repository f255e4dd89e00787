using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Data.Sqlite;
using Nimbus.ApiGateway.RestApis.Api;
using Nimbus.ApiGateway.RestApis.Model;
using Nimbus.Core.Storage;

namespace Nimbus.ApiGateway.RestApis.Store;

/// <summary>REST API state in API Gateway's SQLite file (WAL, synchronous=FULL), beside the HTTP API tables.</summary>
internal sealed class SqliteRestApiStore : IRestApiStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS rest_apis (api_id TEXT NOT NULL PRIMARY KEY, document TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS rest_deployments (
            api_id TEXT NOT NULL, deployment_id TEXT NOT NULL, snapshot TEXT NOT NULL, PRIMARY KEY (api_id, deployment_id));
        CREATE TABLE IF NOT EXISTS rest_api_keys (key_id TEXT NOT NULL PRIMARY KEY, document TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS rest_usage_plans (plan_id TEXT NOT NULL PRIMARY KEY, document TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS rest_usage (
            plan_id TEXT NOT NULL, key_id TEXT NOT NULL, day TEXT NOT NULL, used INTEGER NOT NULL, PRIMARY KEY (plan_id, key_id, day));
        """;

    private static RestJsonContext Json => RestJsonContext.Default;

    private readonly SqliteDatabase _database;

    public SqliteRestApiStore(SqliteDatabase database)
    {
        _database = database;
        _database.EnsureSchema(Schema);
    }

    public IReadOnlyList<RestApiDocument> LoadApis() => LoadAll("SELECT document FROM rest_apis", Json.RestApiDocument);

    public void SaveApi(RestApiDocument api, string? newDeploymentId, RestSnapshot? snapshot)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        if (newDeploymentId is not null && snapshot is not null)
        {
            Execute(connection, transaction, "INSERT OR REPLACE INTO rest_deployments (api_id, deployment_id, snapshot) VALUES ($a, $b, $c)",
                api.Api.Id!, newDeploymentId, JsonSerializer.Serialize(snapshot, Json.RestSnapshot));
        }
        Execute(connection, transaction, "INSERT OR REPLACE INTO rest_apis (api_id, document) VALUES ($a, $b)",
            api.Api.Id!, JsonSerializer.Serialize(api, Json.RestApiDocument));
        transaction.Commit();
    }

    public void DeleteApi(string apiId)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, "DELETE FROM rest_deployments WHERE api_id = $a", apiId);
        Execute(connection, transaction, "DELETE FROM rest_apis WHERE api_id = $a", apiId);
        transaction.Commit();
    }

    public RestSnapshot? LoadSnapshot(string apiId, string deploymentId)
    {
        using var connection = _database.Open();
        using var command = Command(connection, null, "SELECT snapshot FROM rest_deployments WHERE api_id = $a AND deployment_id = $b", apiId, deploymentId);
        return command.ExecuteScalar() is string json ? JsonSerializer.Deserialize(json, Json.RestSnapshot) : null;
    }

    public void DeleteSnapshot(string apiId, string deploymentId) =>
        ExecuteOnce("DELETE FROM rest_deployments WHERE api_id = $a AND deployment_id = $b", apiId, deploymentId);

    public IReadOnlyList<ApiKeyDocument> LoadApiKeys() => LoadAll("SELECT document FROM rest_api_keys", Json.ApiKeyDocument);

    public void SaveApiKey(ApiKeyDocument key) =>
        ExecuteOnce("INSERT OR REPLACE INTO rest_api_keys (key_id, document) VALUES ($a, $b)", key.Key.Id!, JsonSerializer.Serialize(key, Json.ApiKeyDocument));

    public void DeleteApiKey(string keyId) => ExecuteOnce("DELETE FROM rest_api_keys WHERE key_id = $a", keyId);

    public IReadOnlyList<UsagePlanDocument> LoadUsagePlans() => LoadAll("SELECT document FROM rest_usage_plans", Json.UsagePlanDocument);

    public void SaveUsagePlan(UsagePlanDocument plan) =>
        ExecuteOnce("INSERT OR REPLACE INTO rest_usage_plans (plan_id, document) VALUES ($a, $b)", plan.Plan.Id!, JsonSerializer.Serialize(plan, Json.UsagePlanDocument));

    public void DeleteUsagePlan(string planId) => ExecuteOnce("DELETE FROM rest_usage_plans WHERE plan_id = $a", planId);

    public IReadOnlyList<(string PlanId, string KeyId, string Day, long Used)> LoadUsage()
    {
        var result = new List<(string, string, string, long)>();
        using var connection = _database.Open();
        using var command = Command(connection, null, "SELECT plan_id, key_id, day, used FROM rest_usage");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3)));
        }
        return result;
    }

    public void AddUsage(IReadOnlyList<(string PlanId, string KeyId, string Day, long Used)> counts)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        foreach (var (plan, key, day, used) in counts)
        {
            using var command = Command(connection, transaction,
                "INSERT INTO rest_usage (plan_id, key_id, day, used) VALUES ($a, $b, $c, $d) ON CONFLICT (plan_id, key_id, day) DO UPDATE SET used = used + excluded.used",
                plan, key, day);
            command.Parameters.AddWithValue("$d", used);
            command.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    private List<T> LoadAll<T>(string sql, JsonTypeInfo<T> type)
    {
        var result = new List<T>();
        using var connection = _database.Open();
        using var command = Command(connection, null, sql);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (JsonSerializer.Deserialize(reader.GetString(0), type) is { } item)
            {
                result.Add(item);
            }
        }
        return result;
    }

    private void ExecuteOnce(string sql, params string[] values)
    {
        using var connection = _database.Open();
        using var command = Command(connection, null, sql, values);
        command.ExecuteNonQuery();
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] values)
    {
        using var command = Command(connection, transaction, sql, values);
        command.ExecuteNonQuery();
    }

    /// <summary>A command whose parameters <c>$a</c>, <c>$b</c>, <c>$c</c> … are <paramref name="values"/> in order.</summary>
    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params string[] values)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.AddWithValue("$" + (char)('a' + i), values[i]);
        }
        return command;
    }
}
