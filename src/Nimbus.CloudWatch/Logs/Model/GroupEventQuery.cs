namespace Nimbus.CloudWatch.Logs.Model;

/// <summary>FilterLogEvents as a store query: events of the chosen streams after <see cref="After"/>, interleaved by time.</summary>
internal sealed record GroupEventQuery(
    IReadOnlyList<string>? StreamNames,
    string? StreamNamePrefix,
    long? StartTime,
    long? EndTime,
    FilterPattern Pattern,
    EventKey? After,
    int Limit,
    int MaxBytes);
