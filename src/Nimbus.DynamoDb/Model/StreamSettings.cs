namespace Nimbus.DynamoDb.Model;

/// <summary>The table's current stream. Disabling keeps the stream readable (24 h) but stops new records.</summary>
internal sealed record StreamSettings(bool Enabled, string ViewType, string Arn, string Label);
