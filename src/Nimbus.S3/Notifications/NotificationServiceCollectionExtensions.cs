using Microsoft.Extensions.DependencyInjection;
using Nimbus.Core;
using Nimbus.Core.Storage;
using Nimbus.S3.Store;

namespace Nimbus.S3.Notifications;

internal static class NotificationServiceCollectionExtensions
{
    /// <summary>
    /// Event notifications: their tables live in the object metadata database (<c>db/s3.db</c>), so the metadata store is
    /// resolved first (its tables must exist before the triggers that refer to them).
    /// </summary>
    public static IServiceCollection AddNimbusS3Notifications(this IServiceCollection services)
    {
        services.AddSingleton<INotificationStore>(sp =>
        {
            sp.GetRequiredService<IS3MetadataStore>();
            return new SqliteNotificationStore(new SqliteDatabase(sp.GetRequiredService<NimbusPaths>().Database("s3")));
        });
        services.AddSingleton<S3EventNotifier>();
        return services;
    }
}
