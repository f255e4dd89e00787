namespace Nimbus.CloudWatch.Logs.Api.Shapes;

/// <summary>The DescribeLogGroups request.</summary>
internal sealed class DescribeLogGroupsRequest
{
    public List<string>? AccountIdentifiers { get; init; }

    public string? LogGroupNamePrefix { get; init; }

    public string? LogGroupNamePattern { get; init; }

    public string? NextToken { get; init; }

    public int? Limit { get; init; }

    public bool? IncludeLinkedAccounts { get; init; }

    public string? LogGroupClass { get; init; }

    public List<string>? LogGroupIdentifiers { get; init; }
}
