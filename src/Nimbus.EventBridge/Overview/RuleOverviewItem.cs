using Nimbus.Core;
using Nimbus.EventBridge.Model;

namespace Nimbus.EventBridge.Overview;

/// <summary>An EventBridge rule (scheduled or event-pattern) as the console shows it, with next fire times and last firings.</summary>
internal sealed record RuleOverviewItem(AwsScope Scope, RuleRecord Rule, IReadOnlyList<DateTimeOffset> NextFireTimes, IReadOnlyList<FiringRecord> LastFirings);
