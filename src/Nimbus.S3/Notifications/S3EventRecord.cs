using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Nimbus.S3.Notifications;

/// <summary>
/// Writes S3's event message (S3 User Guide, "Event message structure", version 2.1) byte for byte in AWS's member
/// order, and the <c>s3:TestEvent</c> message S3 sends when a configuration is stored.
/// </summary>
internal static class S3EventRecord
{
    public static byte[] Write(S3EventSource source, string eventName, string configurationId, ObjectChange change, string bucketOwner, string? versionId)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("Records");
            json.WriteStartObject();
            json.WriteString("eventVersion", "2.1");
            json.WriteString("eventSource", "aws:s3");
            json.WriteString("awsRegion", source.Region);
            json.WriteString("eventTime", Timestamp(change.At));
            json.WriteString("eventName", eventName);
            json.WriteStartObject("userIdentity");
            json.WriteString("principalId", source.PrincipalId);
            json.WriteEndObject();
            json.WriteStartObject("requestParameters");
            json.WriteString("sourceIPAddress", source.SourceIp);
            json.WriteEndObject();
            json.WriteStartObject("responseElements");
            json.WriteString("x-amz-request-id", source.RequestId);
            json.WriteString("x-amz-id-2", source.HostId);
            json.WriteEndObject();
            json.WriteStartObject("s3");
            json.WriteString("s3SchemaVersion", "1.0");
            json.WriteString("configurationId", configurationId);
            json.WriteStartObject("bucket");
            json.WriteString("name", change.Bucket);
            json.WriteStartObject("ownerIdentity");
            json.WriteString("principalId", bucketOwner);
            json.WriteEndObject();
            json.WriteString("arn", "arn:aws:s3:::" + change.Bucket);
            json.WriteEndObject();
            json.WriteStartObject("object");
            json.WriteString("key", EncodeKey(change.Key));
            // Removal events carry no size or ETag: the object is gone.
            if (!change.Removed)
            {
                json.WriteNumber("size", change.Size);
                json.WriteString("eTag", change.ETag);
            }
            if (versionId is not null)
            {
                json.WriteString("versionId", versionId);
            }
            json.WriteString("sequencer", Sequencer(change.Sequence));
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] TestEvent(string bucket, DateTimeOffset time, string requestId, string hostId)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("Service", "Amazon S3");
            json.WriteString("Event", "s3:TestEvent");
            json.WriteString("Time", Timestamp(time));
            json.WriteString("Bucket", bucket);
            json.WriteString("RequestId", requestId);
            json.WriteString("HostId", hostId);
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// The key as S3 puts it in events: HTML form encoding of the UTF-8 bytes (space as <c>+</c>, everything but
    /// letters, digits and <c>-_.*</c> as upper-case <c>%XX</c>), with <c>/</c> left as is.
    /// </summary>
    public static string EncodeKey(string key)
    {
        var encoded = new StringBuilder(key.Length + 8);
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '*' or '/')
            {
                encoded.Append(c);
            }
            else if (c == ' ')
            {
                encoded.Append('+');
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return encoded.ToString();
    }

    /// <summary>Upper-case hex of the commit sequence: later changes to a key compare greater (same length, then lexically).</summary>
    public static string Sequencer(long sequence) => sequence.ToString("X16", CultureInfo.InvariantCulture);

    private static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
