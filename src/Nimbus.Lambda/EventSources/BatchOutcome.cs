namespace Nimbus.Lambda.EventSources;

/// <summary>
/// How the last attempt at a batch ended, for the <c>responseContext</c> of its failure record: the invoke's status
/// code, and when the function ran, the version that ran and its error type.
/// </summary>
internal sealed record BatchOutcome(int StatusCode, string? ExecutedVersion, string? FunctionError);
