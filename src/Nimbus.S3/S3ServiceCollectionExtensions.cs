using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nimbus.Core;
using Nimbus.Core.Storage;
using Nimbus.Protocol;
using Nimbus.Protocol.SigV4;
using Nimbus.S3.Api;
using Nimbus.S3.Metering;
using Nimbus.S3.Notifications;
using Nimbus.S3.Service;
using Nimbus.S3.Store;

namespace Nimbus.S3;

public static class S3ServiceCollectionExtensions
{
    /// <summary>
    /// The S3 API (rest-xml, signing name <c>s3</c>): metadata in <c>db/s3.db</c>, bodies under <c>s3/</c> in the data
    /// directory. Needs <see cref="NimbusPaths"/> registered by the host.
    /// </summary>
    public static IServiceCollection AddNimbusS3(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IS3MetadataStore>(sp => new SqliteS3MetadataStore(new SqliteDatabase(sp.GetRequiredService<NimbusPaths>().Database("s3"))));
        services.AddSingleton(sp => new ObjectBodyStore(Path.Combine(sp.GetRequiredService<NimbusPaths>().Root, "s3")));
        services.TryAddSingleton(new SigV4Credentials());
        services.TryAddSingleton<SigV4Verifier>();
        services.AddSingleton<S3Service>();
        services.AddSingleton<S3RequestMeter>();
        services.AddSingleton<S3StorageSampler>();
        services.AddHostedService(sp => sp.GetRequiredService<S3StorageSampler>());
        services.AddNimbusS3Notifications();
        services.AddSingleton<IAwsServiceHandler, S3ApiHandler>();
        services.AddSingleton<Core.Objects.IObjectReader, S3ObjectReader>();
        services.AddSingleton<Core.Objects.IObjectWriter, S3ObjectWriter>();
        return services;
    }
}
