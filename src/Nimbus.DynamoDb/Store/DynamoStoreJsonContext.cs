using System.Text.Json.Serialization;
using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.Store;

/// <summary>Table definitions are persisted as JSON (source-generated, enums by name).</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(TableDefinition))]
[JsonSerializable(typeof(BackupRecord))]
internal sealed partial class DynamoStoreJsonContext : JsonSerializerContext;
