using Nimbus.DynamoDb.Service;
using Nimbus.DynamoDb.Streams;

namespace Nimbus.DynamoDb.Api;

/// <summary>The services the operations call.</summary>
internal sealed record DynamoDbApi(TableService Tables, ItemService Items, ReadService Reads, TransactionService Transactions, StreamService Streams, PartiQl.PartiQlService PartiQl, BackupService Backups);
