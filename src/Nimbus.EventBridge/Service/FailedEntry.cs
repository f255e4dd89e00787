namespace Nimbus.EventBridge.Service;

/// <summary>An entry of a batch call that failed (PutTargets/RemoveTargets <c>FailedEntries</c>, PutEvents entries).</summary>
internal sealed record FailedEntry(string? Id, string ErrorCode, string ErrorMessage);
