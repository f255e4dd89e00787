using Nimbus.CloudWatch.Logs.Model;

namespace Nimbus.CloudWatch.Logs.LiveTail;

/// <summary>One <c>sessionUpdate</c>: the matching events since the previous one (each with its group's identifier), sampled when more than 500 matched.</summary>
internal sealed record LiveTailUpdate(IReadOnlyList<(string GroupIdentifier, LogEvent Event)> Events, bool Sampled);
