namespace Nimbus.CloudWatch.Logs.Model;

/// <summary>DescribeLogStreams as a store query.</summary>
internal sealed record StreamQuery(string? NamePrefix, StreamOrder OrderBy, bool Descending, StreamCursor? After, int Limit);
