using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Nimbus.CloudWatch.Alarms.Service;
using Nimbus.CloudWatch.Alarms.Store;
using Nimbus.Core;
using Nimbus.Core.Storage;

namespace Nimbus.CloudWatch.Alarms;

/// <summary>Wires CloudWatch alarms: the store (SQLite at <c>db/alarms.db</c>), the service, the action dispatcher and the evaluator.</summary>
internal static class AlarmsRegistration
{
    public static void AddAlarms(IServiceCollection services)
    {
        services.AddSingleton<IAlarmStore>(provider =>
            new SqliteAlarmStore(new SqliteDatabase(provider.GetRequiredService<NimbusPaths>().Database("alarms"))));
        services.AddSingleton<AlarmActionDispatcher>();
        services.AddSingleton<AlarmsService>();
        services.AddSingleton<AlarmEvaluator>();
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<AlarmEvaluator>());
    }
}
