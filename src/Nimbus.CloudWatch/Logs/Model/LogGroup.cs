namespace Nimbus.CloudWatch.Logs.Model;

/// <summary>A log group as stored. Its ARN is derived from the scope it belongs to.</summary>
internal sealed record LogGroup(string Name, long CreationTime, int? RetentionInDays, long StoredBytes, string LogGroupClass);
