using Nimbus.Core;

namespace Nimbus.EventBridge.Store;

/// <summary>
/// The scheduler's key of a rule or schedule, also the key of its fired-tick row. The unit separator (U+001F) cannot occur in
/// names, so keys never collide across scopes, buses or groups.
/// </summary>
internal static class ScheduleKeys
{
    public static string Rule(AwsScope scope, string bus, string name) => RulePrefix(scope, bus) + name;

    public static string RulePrefix(AwsScope scope, string bus) => $"rule\u001f{scope.AccountId}\u001f{scope.Region}\u001f{bus}\u001f";

    public static string Schedule(AwsScope scope, string group, string name) => SchedulePrefix(scope, group) + name;

    public static string SchedulePrefix(AwsScope scope, string group) => $"schedule\u001f{scope.AccountId}\u001f{scope.Region}\u001f{group}\u001f";
}
