namespace Nimbus.CloudWatch.Alarms.Service;

/// <summary>One page of a listing and the token for the next, if any.</summary>
public sealed record AlarmPage<T>(IReadOnlyList<T> Items, string? NextToken);
