namespace Nimbus.DynamoDb.Model;

/// <summary>Contributor insights enabled on a table or one of its GSIs: state only (Nimbus computes no insights).</summary>
internal sealed record ContributorInsightsSetting(string Mode, double UpdatedAt);
