namespace Nimbus.EventBridge.Service;

/// <summary>The result of one PutEvents entry: its event id, or why it was refused.</summary>
internal sealed record PutEventsResult(string? EventId, string? ErrorCode, string? ErrorMessage);
