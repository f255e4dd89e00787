namespace Nimbus.EventBridge.Model;

/// <summary>An event bus. Every account and region has <c>default</c>, created on first use.</summary>
internal sealed record EventBusRecord
{
    public required string Name { get; init; }

    public required string Arn { get; init; }

    public string? Description { get; init; }

    public string? KmsKeyIdentifier { get; init; }

    public string? DeadLetterArn { get; init; }

    public required DateTimeOffset CreationTime { get; init; }

    public required DateTimeOffset LastModifiedTime { get; init; }

    public Dictionary<string, string> Tags { get; init; } = new(StringComparer.Ordinal);
}
