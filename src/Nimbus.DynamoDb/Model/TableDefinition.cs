namespace Nimbus.DynamoDb.Model;

/// <summary>Everything DescribeTable says about a table except its live counts; persisted as JSON.</summary>
internal sealed record TableDefinition
{
    /// <summary>The store's row id: items, index entries and stream records are keyed by it.</summary>
    public long Id { get; init; }

    public required string AccountId { get; init; }

    public required string Region { get; init; }

    public required string Name { get; init; }

    public required string TableId { get; init; }

    public required string Arn { get; init; }

    public required double CreatedAt { get; init; }

    public required KeySchema Key { get; init; }

    /// <summary>Name → type of every attribute used in a key of the table or its indexes.</summary>
    public required IReadOnlyDictionary<string, AttributeKind> AttributeDefinitions { get; init; }

    public IReadOnlyList<IndexDefinition> Indexes { get; init; } = [];

    public string BillingMode { get; init; } = "PROVISIONED";

    public long ReadCapacityUnits { get; init; }

    public long WriteCapacityUnits { get; init; }

    public StreamSettings? Stream { get; init; }

    public string? TtlAttribute { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    public bool DeletionProtectionEnabled { get; init; }

    public string TableClass { get; init; } = "STANDARD";

    /// <summary>Null while point-in-time recovery is disabled (the default, as on AWS).</summary>
    public PointInTimeRecovery? PointInTimeRecovery { get; init; }

    /// <summary>Contributor insights enabled on the table (key "") or a GSI (its name); absent means DISABLED.</summary>
    /// <remarks>
    /// The JSON source generator sets every init-only member, a missing one to null: a definition stored before this member
    /// existed reads as null, which the getter turns into an empty map (see StoreUpgradeTests).
    /// </remarks>
    public IReadOnlyDictionary<string, ContributorInsightsSetting> ContributorInsights
    {
        get => _contributorInsights ?? NoInsights;
        init => _contributorInsights = value;
    }

    /// <summary>Resource-based policies by the ARN they are attached to: the table's or its stream's (null-safe as above).</summary>
    public IReadOnlyDictionary<string, ResourcePolicy> Policies
    {
        get => _policies ?? NoPolicies;
        init => _policies = value;
    }

    /// <summary>Set on a table restored from a backup.</summary>
    public RestoreSummary? Restore { get; init; }

    private static readonly IReadOnlyDictionary<string, ContributorInsightsSetting> NoInsights = new Dictionary<string, ContributorInsightsSetting>();

    private static readonly IReadOnlyDictionary<string, ResourcePolicy> NoPolicies = new Dictionary<string, ResourcePolicy>();

    private readonly IReadOnlyDictionary<string, ContributorInsightsSetting>? _contributorInsights;

    private readonly IReadOnlyDictionary<string, ResourcePolicy>? _policies;

    public IndexDefinition? FindIndex(string name) => Indexes.FirstOrDefault(i => i.Name == name);
}
