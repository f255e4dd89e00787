namespace Nimbus.EventBridge.Model;

/// <summary>An EventBridge Scheduler schedule group; <c>default</c> always exists.</summary>
internal sealed record ScheduleGroupRecord
{
    public required string Name { get; init; }

    public required string Arn { get; init; }

    public required DateTimeOffset CreationDate { get; init; }

    public required DateTimeOffset LastModificationDate { get; init; }

    public Dictionary<string, string> Tags { get; init; } = new(StringComparer.Ordinal);
}
