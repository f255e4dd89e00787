namespace Nimbus.CloudWatch.Logs.Model;

/// <summary>One page of a Describe* listing and the token for the next, if any.</summary>
internal sealed record Page<T>(IReadOnlyList<T> Items, string? NextToken);
