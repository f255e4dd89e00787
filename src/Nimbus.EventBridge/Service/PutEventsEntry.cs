namespace Nimbus.EventBridge.Service;

/// <summary>One entry of PutEvents as the caller sent it.</summary>
internal sealed record PutEventsEntry(DateTimeOffset? Time, string? Source, IReadOnlyList<string>? Resources, string? DetailType, string? Detail, string? EventBusName);
