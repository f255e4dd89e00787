using System.Text.Json;

namespace Nimbus.EventBridge.Service;

/// <summary>
/// EventBridge's event JSON (https://docs.aws.amazon.com/eventbridge/latest/ref/overiew-event-structure.html):
/// <c>version</c>, <c>id</c>, <c>detail-type</c>, <c>source</c>, <c>account</c>, <c>time</c>, <c>region</c>,
/// <c>resources</c>, <c>detail</c>.
/// </summary>
internal static class EventEnvelope
{
    public static string Build(string id, string detailType, string source, string account, DateTimeOffset time, string region,
        IReadOnlyList<string> resources, string detailJson)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("version", "0");
            json.WriteString("id", id);
            json.WriteString("detail-type", detailType);
            json.WriteString("source", source);
            json.WriteString("account", account);
            json.WriteString("time", FormatTime(time));
            json.WriteString("region", region);
            json.WriteStartArray("resources");
            foreach (var resource in resources)
            {
                json.WriteStringValue(resource);
            }
            json.WriteEndArray();
            json.WritePropertyName("detail");
            json.WriteRawValue(detailJson);
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Event times are whole seconds in UTC: <c>2015-10-08T16:53:06Z</c>.</summary>
    public static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The scheduled event a rule's tick produces: <c>time</c> is the tick, not the moment of delivery.</summary>
    public static string Scheduled(string account, string region, string ruleArn, DateTimeOffset tick) =>
        Build(Guid.NewGuid().ToString("D"), "Scheduled Event", "aws.events", account, tick, region, [ruleArn], "{}");
}
