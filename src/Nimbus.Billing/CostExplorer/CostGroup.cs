namespace Nimbus.Billing.CostExplorer;

/// <summary>One group of a period: its keys (<c>AWS Lambda</c>, <c>team$web</c>) and amounts.</summary>
public sealed record CostGroup(IReadOnlyList<string> Keys, decimal Cost, decimal Quantity);
