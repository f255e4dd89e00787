namespace Nimbus.EventBridge.Transform;

/// <summary>The predefined variables of input transformers.</summary>
internal sealed record TransformContext(string RuleArn, string RuleName, DateTimeOffset IngestionTime);
