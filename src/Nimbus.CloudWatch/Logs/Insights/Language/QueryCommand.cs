namespace Nimbus.CloudWatch.Logs.Insights.Language;

/// <summary>One command of the pipeline (<c>fields</c>, <c>filter</c>, <c>stats</c> …), applied in order.</summary>
internal abstract record QueryCommand;
