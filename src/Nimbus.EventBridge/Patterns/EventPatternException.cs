namespace Nimbus.EventBridge.Patterns;

/// <summary>A pattern EventBridge would refuse; <see cref="Exception.Message"/> is the reason AWS gives.</summary>
internal sealed class EventPatternException(string reason) : Exception(reason);
