namespace Nimbus.CloudWatch.Logs.Insights.Engine;

/// <summary>One <c>{field, value}</c> of a result row.</summary>
internal readonly record struct ResultField(string Field, string Value);
