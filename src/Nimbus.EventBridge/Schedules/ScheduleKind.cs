namespace Nimbus.EventBridge.Schedules;

internal enum ScheduleKind
{
    Rate,
    Cron,
    At,
}
