namespace Nimbus.EventBridge.Model;

/// <summary>A firing with nothing to deliver: the target (or a description) and why it was not invoked.</summary>
internal sealed record SkippedTarget(string Target, string Reason);
