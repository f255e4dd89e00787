namespace Nimbus.DynamoDb.Model;

/// <summary>A resource-based policy attached to a table or its stream: the document as given and its revision.</summary>
internal sealed record ResourcePolicy(string Document, string RevisionId);
