using System.Globalization;
using System.Text.Json;
using Nimbus.CloudWatch.Logs.Model;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Logs.Insights.Engine;

/// <summary>
/// The fields Logs Insights finds in an event (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_AnalyzeLogData-discoverable-fields.html):
/// the system fields, Lambda's fields on <c>REPORT</c> lines (memory in bytes, as AWS reports <c>@memorySize</c>
/// and <c>@maxMemoryUsed</c>: the MB figure × 1,000,000) and the members of JSON messages, flattened with dots
/// (<c>a.b</c>, arrays as <c>a.0</c>).
/// </summary>
internal static class FieldDiscovery
{
    /// <summary>AWS discovers up to 1,000 fields of a JSON event.</summary>
    private const int MaxJsonFields = 1_000;

    public static Dictionary<string, object?> Discover(AwsScope scope, ScannedEvent scanned)
    {
        var e = scanned.Event;
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["@timestamp"] = new InsightsTimestamp(e.Timestamp),
            ["@ingestionTime"] = new InsightsTimestamp(e.IngestionTime),
            ["@message"] = e.Message,
            ["@logStream"] = e.StreamName,
            ["@log"] = scope.AccountId + ":" + scanned.GroupName,
        };
        var message = e.Message;
        if (message.StartsWith("REPORT RequestId: ", StringComparison.Ordinal))
        {
            AddLambdaReport(fields, message);
        }
        else if (message.StartsWith("START RequestId: ", StringComparison.Ordinal) || message.StartsWith("END RequestId: ", StringComparison.Ordinal))
        {
            fields["@requestId"] = RequestIdOf(message);
        }
        else if (message.AsSpan().TrimStart().StartsWith("{"))
        {
            AddJson(fields, message);
        }
        return fields;
    }

    /// <summary><c>REPORT RequestId: id\tDuration: 1.23 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tMax Memory Used: 20 MB\tInit Duration: 5.67 ms</c></summary>
    private static void AddLambdaReport(Dictionary<string, object?> fields, string message)
    {
        fields["@type"] = "REPORT";
        fields["@requestId"] = RequestIdOf(message);
        foreach (var part in message.Split('\t'))
        {
            var colon = part.IndexOf(": ", StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }
            var value = part[(colon + 2)..].Trim();
            var space = value.IndexOf(' ');
            var number = space > 0 ? value[..space] : value;
            if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
            {
                continue;
            }
            switch (part[..colon])
            {
                case "Duration": fields["@duration"] = amount; break;
                case "Billed Duration": fields["@billedDuration"] = amount; break;
                case "Memory Size": fields["@memorySize"] = amount * 1_000_000; break;
                case "Max Memory Used": fields["@maxMemoryUsed"] = amount * 1_000_000; break;
                case "Init Duration": fields["@initDuration"] = amount; break;
            }
        }
    }

    private static string RequestIdOf(string message)
    {
        var start = message.IndexOf("RequestId: ", StringComparison.Ordinal) + "RequestId: ".Length;
        var end = message.AsSpan(start).IndexOfAny(' ', '\t');
        return end < 0 ? message[start..].Trim() : message.Substring(start, end);
    }

    private static void AddJson(Dictionary<string, object?> fields, string message)
    {
        try
        {
            using var document = JsonDocument.Parse(message);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                var count = 0;
                Flatten(fields, document.RootElement, "", ref count);
            }
        }
        catch (JsonException)
        {
            // Not JSON after all: the event keeps only its system fields.
        }
    }

    private static void Flatten(Dictionary<string, object?> fields, JsonElement element, string prefix, ref int count)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(fields, property.Value, prefix.Length == 0 ? property.Name : prefix + "." + property.Name, ref count);
                }
                return;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(fields, item, prefix + "." + index.ToString(CultureInfo.InvariantCulture), ref count);
                    index++;
                }
                return;
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return;
        }
        if (count++ >= MaxJsonFields || prefix.Length == 0)
        {
            return;
        }
        // Numbers stay text here (as in the message) and compute as numbers where an operator needs one.
        fields.TryAdd(prefix, element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => element.GetRawText(),
        });
    }
}
