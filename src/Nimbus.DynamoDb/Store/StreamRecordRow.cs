namespace Nimbus.DynamoDb.Store;

/// <summary>A stored stream record: its sequence number and the record JSON (the Streams API's Record shape).</summary>
internal readonly record struct StreamRecordRow(long Sequence, long CreatedMs, byte[] Record);
