using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Nimbus.Core;
using Nimbus.Core.Metering;
using Nimbus.Core.Storage;
using Nimbus.Core.Streams;
using Nimbus.DynamoDb.Api;
using Nimbus.DynamoDb.Service;
using Nimbus.DynamoDb.Store;
using Nimbus.DynamoDb.Streams;
using Nimbus.Protocol;

namespace Nimbus.DynamoDb;

public static class DynamoDbServiceCollectionExtensions
{
    /// <summary>
    /// DynamoDB and DynamoDB Streams: the table store (SQLite at <c>db/dynamodb.db</c>), the services, the TTL and
    /// retention sweeper, the <see cref="ITableStreamSource"/> seam for event source mappings, and the handler on
    /// the edge. Needs <see cref="NimbusPaths"/>; uses <see cref="TimeProvider.System"/> unless another is registered.
    /// </summary>
    /// <param name="durability">When an item write is answered: after the fsync (default), or once it is in the WAL.</param>
    public static IServiceCollection AddNimbusDynamoDb(this IServiceCollection services, WriteDurability durability = WriteDurability.Fsync)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddSingleton<SqliteDynamoStore>(provider =>
            new SqliteDynamoStore(new SqliteDatabase(provider.GetRequiredService<NimbusPaths>().Database("dynamodb")), durability));
        services.AddSingleton<IDynamoStore>(provider => provider.GetRequiredService<SqliteDynamoStore>());
        services.AddSingleton(provider =>
        {
            var store = provider.GetRequiredService<IDynamoStore>();
            var tables = store.LoadTables();
            StatisticsBackfill.Run(store, tables);
            return new TableCatalog(tables);
        });
        services.AddSingleton<DynamoDbSettings>();
        services.AddSingleton(provider => new DynamoDbMeter(provider.GetRequiredService<TimeProvider>(), provider.GetService<IUsageMeter>()));
        services.AddSingleton<StorageMeter>();
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<StorageMeter>());
        services.AddSingleton<TableService>();
        services.AddSingleton<BackupService>();
        services.AddSingleton<ItemService>();
        services.AddSingleton<ReadService>();
        services.AddSingleton<TransactionService>();
        services.AddSingleton<PartiQl.PartiQlService>();
        services.AddSingleton<StreamService>();
        services.AddSingleton<ITableStreamSource>(provider => provider.GetRequiredService<StreamService>());
        services.AddSingleton<ExpirySweeper>();
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<ExpirySweeper>());
        services.AddSingleton<DynamoDbApi>();
        services.AddSingleton<DynamoDbHandler>();
        services.AddSingleton<IAwsServiceHandler>(provider => provider.GetRequiredService<DynamoDbHandler>());
        return services;
    }
}
