using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Nimbus.Lambda.Service;

/// <summary>
/// The invocation record Lambda sends to an asynchronous invocation's destination
/// (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html):
/// <c>{"version":"1.0","timestamp",…,"requestContext":{requestId,functionArn,condition,approximateInvokeCount},
/// "requestPayload",…,"responseContext":{statusCode,executedVersion,functionError},"responsePayload"}</c>.
/// </summary>
internal static class DestinationRecord
{
    public const string Success = "Success";
    public const string RetriesExhausted = "RetriesExhausted";
    public const string EventAgeExceeded = "EventAgeExceeded";

    /// <summary>The event was dropped by recursive loop detection (AWS sends it to the on-failure destination).</summary>
    public const string RecursiveInvocationDetected = "RecursiveInvocationDetected";

    /// <param name="response">The function's last response; null when the function never ran (throttled until too old).</param>
    public static byte[] Build(AsyncInvocation invocation, string functionArn, string condition, DateTimeOffset timestamp,
        ReadOnlySpan<byte> response, bool ran, string? executedVersion, string? functionError)
    {
        var buffer = new ArrayBufferWriter<byte>(512 + invocation.Payload.Length + response.Length);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("version", "1.0");
            json.WriteString("timestamp", timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteStartObject("requestContext");
            json.WriteString("requestId", invocation.RequestId);
            json.WriteString("functionArn", functionArn);
            json.WriteString("condition", condition);
            json.WriteNumber("approximateInvokeCount", invocation.Attempts);
            json.WriteEndObject();
            json.WritePropertyName("requestPayload");
            WriteValue(json, invocation.Payload.Span);
            if (ran)
            {
                json.WriteStartObject("responseContext");
                json.WriteNumber("statusCode", 200);
                json.WriteString("executedVersion", executedVersion ?? "$LATEST");
                if (functionError is not null)
                {
                    json.WriteString("functionError", functionError);
                }
                json.WriteEndObject();
                json.WritePropertyName("responsePayload");
                WriteValue(json, response);
            }
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>JSON is embedded as is; anything else (a function may answer plain text) as a string; nothing as null.</summary>
    private static void WriteValue(Utf8JsonWriter json, ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            json.WriteNullValue();
            return;
        }
        var reader = new Utf8JsonReader(value);
        try
        {
            if (reader.Read() && reader.TrySkip() && !reader.Read())
            {
                json.WriteRawValue(value, skipInputValidation: true);
                return;
            }
        }
        catch (JsonException)
        {
            // Not JSON: written as a string below.
        }
        json.WriteStringValue(value);
    }
}
