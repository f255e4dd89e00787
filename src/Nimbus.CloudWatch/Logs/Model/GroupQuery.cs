namespace Nimbus.CloudWatch.Logs.Model;

/// <summary>DescribeLogGroups as a store query: groups after <see cref="AfterName"/> in name order.</summary>
internal sealed record GroupQuery(string? NamePrefix, string? NamePattern, string? AfterName, int Limit)
{
    /// <summary>Only groups of this class (<c>logGroupClass</c>), or all.</summary>
    public string? GroupClass { get; init; }
}
