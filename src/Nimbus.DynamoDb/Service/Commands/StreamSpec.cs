namespace Nimbus.DynamoDb.Service.Commands;

/// <summary>A StreamSpecification as requested.</summary>
internal sealed record StreamSpec(bool Enabled, string? ViewType);
