using System.Buffers;
using System.Text.Json;
using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.Streams;

/// <summary>
/// Builds a stream record in the shape GetRecords returns and Lambda delivers
/// (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_Record.html): keys always, images
/// as the stream's view type says; TTL deletions carry the DynamoDB service principal as userIdentity.
/// </summary>
internal static class StreamRecordBuilder
{
    public static byte[] Build(TableDefinition table, StreamSettings stream, long sequence, DateTimeOffset created,
        IReadOnlyDictionary<string, AttributeValue>? oldItem, IReadOnlyDictionary<string, AttributeValue>? newItem, bool byTtl)
    {
        var eventName = oldItem is null ? "INSERT" : newItem is null ? "REMOVE" : "MODIFY";
        var keys = Service.KeyCodec.KeyAttributes(table.Key, (newItem ?? oldItem)!);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("eventID", Guid.NewGuid().ToString("N"));
            json.WriteString("eventName", eventName);
            json.WriteString("eventVersion", "1.1");
            json.WriteString("eventSource", "aws:dynamodb");
            json.WriteString("awsRegion", table.Region);
            json.WriteStartObject("dynamodb");
            json.WriteNumber("ApproximateCreationDateTime", created.ToUnixTimeSeconds());
            json.WritePropertyName("Keys");
            AttributeValueWriter.WriteItem(json, keys);
            var size = ItemSize.Of(keys);
            if (newItem is not null && stream.ViewType is "NEW_IMAGE" or "NEW_AND_OLD_IMAGES")
            {
                json.WritePropertyName("NewImage");
                AttributeValueWriter.WriteItem(json, newItem);
                size += ItemSize.Of(newItem);
            }
            if (oldItem is not null && stream.ViewType is "OLD_IMAGE" or "NEW_AND_OLD_IMAGES")
            {
                json.WritePropertyName("OldImage");
                AttributeValueWriter.WriteItem(json, oldItem);
                size += ItemSize.Of(oldItem);
            }
            json.WriteString("SequenceNumber", SequenceNumbers.Format(sequence));
            json.WriteNumber("SizeBytes", size);
            json.WriteString("StreamViewType", stream.ViewType);
            json.WriteEndObject();
            if (byTtl)
            {
                json.WriteStartObject("userIdentity");
                json.WriteString("PrincipalId", "dynamodb.amazonaws.com");
                json.WriteString("Type", "Service");
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
