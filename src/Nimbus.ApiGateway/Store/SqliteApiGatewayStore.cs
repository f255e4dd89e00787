using System.Text.Json;
using Nimbus.ApiGateway.Model;
using Nimbus.Core.Storage;

namespace Nimbus.ApiGateway.Store;

/// <summary>SQLite (<c>db/apigateway.db</c>, WAL, synchronous=FULL): an acknowledged control-plane change survives a crash.</summary>
internal sealed class SqliteApiGatewayStore : IApiGatewayStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS apis (
            api_id TEXT NOT NULL PRIMARY KEY,
            document TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS deployments (
            api_id TEXT NOT NULL,
            deployment_id TEXT NOT NULL,
            snapshot TEXT NOT NULL,
            PRIMARY KEY (api_id, deployment_id)
        );
        """;

    private readonly SqliteDatabase _database;

    public SqliteApiGatewayStore(SqliteDatabase database)
    {
        _database = database;
        _database.EnsureSchema(Schema);
    }

    public IReadOnlyList<ApiDocument> LoadApis()
    {
        var result = new List<ApiDocument>();
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT document FROM apis";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (JsonSerializer.Deserialize(reader.GetString(0), ApiGatewayStoreJsonContext.Default.ApiDocument) is { } document)
            {
                result.Add(document);
            }
        }
        return result;
    }

    public void Save(ApiDocument api, IReadOnlyList<(string DeploymentId, DeploymentSnapshot Snapshot)> newDeployments)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        foreach (var (deploymentId, snapshot) in newDeployments)
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT OR REPLACE INTO deployments (api_id, deployment_id, snapshot) VALUES ($a, $d, $s)";
            insert.Parameters.AddWithValue("$a", api.Api.ApiId);
            insert.Parameters.AddWithValue("$d", deploymentId);
            insert.Parameters.AddWithValue("$s", JsonSerializer.Serialize(snapshot, ApiGatewayStoreJsonContext.Default.DeploymentSnapshot));
            insert.ExecuteNonQuery();
        }
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO apis (api_id, document) VALUES ($a, $d) ON CONFLICT (api_id) DO UPDATE SET document = excluded.document";
        command.Parameters.AddWithValue("$a", api.Api.ApiId);
        command.Parameters.AddWithValue("$d", JsonSerializer.Serialize(api, ApiGatewayStoreJsonContext.Default.ApiDocument));
        command.ExecuteNonQuery();
        transaction.Commit();
    }

    public void Delete(string apiId)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        foreach (var sql in new[] { "DELETE FROM deployments WHERE api_id = $a", "DELETE FROM apis WHERE api_id = $a" })
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            command.Parameters.AddWithValue("$a", apiId);
            command.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    public void DeleteDeployment(string apiId, string deploymentId)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM deployments WHERE api_id = $a AND deployment_id = $d";
        command.Parameters.AddWithValue("$a", apiId);
        command.Parameters.AddWithValue("$d", deploymentId);
        command.ExecuteNonQuery();
    }

    public DeploymentSnapshot? LoadDeployment(string apiId, string deploymentId)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT snapshot FROM deployments WHERE api_id = $a AND deployment_id = $d";
        command.Parameters.AddWithValue("$a", apiId);
        command.Parameters.AddWithValue("$d", deploymentId);
        return command.ExecuteScalar() is string json ? JsonSerializer.Deserialize(json, ApiGatewayStoreJsonContext.Default.DeploymentSnapshot) : null;
    }
}
