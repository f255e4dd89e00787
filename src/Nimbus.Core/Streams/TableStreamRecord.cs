namespace Nimbus.Core.Streams;

/// <summary>
/// One stream record. <see cref="Json"/> is the record exactly as DynamoDB Streams' GetRecords returns it
/// (eventID, eventName, eventVersion, eventSource, awsRegion, dynamodb{…}, userIdentity for TTL deletions); a
/// Lambda event adds <c>eventSourceARN</c> to it.
/// </summary>
public sealed record TableStreamRecord(string SequenceNumber, DateTimeOffset ApproximateCreationDateTime, string Json);
