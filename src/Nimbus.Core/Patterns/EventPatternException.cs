namespace Nimbus.Core.Patterns;

/// <summary>A pattern EventBridge would refuse; <see cref="Exception.Message"/> is the reason AWS gives.</summary>
public sealed class EventPatternException(string reason) : Exception(reason);
