namespace Nimbus.DynamoDb.Service;

/// <summary>ListBackups' parameters; times are epoch seconds.</summary>
internal sealed record BackupFilter(string? TableName, double? LowerBound, double? UpperBound, string? BackupType, int? Limit, string? ExclusiveStart);
