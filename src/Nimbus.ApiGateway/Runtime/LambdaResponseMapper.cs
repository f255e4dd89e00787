using System.Text;
using System.Text.Json;

namespace Nimbus.ApiGateway.Runtime;

/// <summary>
/// Turns a function's result into the HTTP response, by AWS's rules: an object with <c>statusCode</c> is a
/// structured response (<c>headers</c>, <c>multiValueHeaders</c>, <c>cookies</c> → <c>set-cookie</c>, <c>body</c>,
/// <c>isBase64Encoded</c>). With format 2.0 anything else that is valid JSON is inferred as a 200
/// <c>application/json</c> response whose body is the JSON (a bare string is sent as its text). Format 1.0 requires
/// <c>statusCode</c>. A malformed result gives null, which the gateway answers with 500.
/// </summary>
internal static class LambdaResponseMapper
{
    public static GatewayResponse? Map(ReadOnlySpan<byte> payload, bool formatV2) => Map(payload, formatV2, out _);

    /// <summary>As <see cref="Map(ReadOnlySpan{byte}, bool)"/>, also telling whether the body came base64-encoded (REST APIs decode it only for binary media types).</summary>
    public static GatewayResponse? Map(ReadOnlySpan<byte> payload, bool formatV2, out bool base64)
    {
        base64 = false;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload.ToArray());
        }
        catch (JsonException)
        {
            return null;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("statusCode", out _))
            {
                base64 = root.TryGetProperty("isBase64Encoded", out var flag) && flag.ValueKind == JsonValueKind.True;
                return Structured(root, formatV2);
            }
            if (!formatV2)
            {
                return null;
            }
            var inferred = new GatewayResponse(200)
            {
                Body = root.ValueKind == JsonValueKind.String ? Encoding.UTF8.GetBytes(root.GetString()!) : payload.ToArray(),
            };
            inferred.Headers.Add(new("content-type", "application/json"));
            return inferred;
        }
    }

    private static GatewayResponse? Structured(JsonElement root, bool formatV2)
    {
        var status = root.GetProperty("statusCode");
        int code;
        if (status.ValueKind == JsonValueKind.Number && status.TryGetInt32(out code)) { }
        else if (status.ValueKind == JsonValueKind.String && int.TryParse(status.GetString(), out code)) { }
        else
        {
            return null;
        }
        if (code is < 100 or > 599)
        {
            return null;
        }
        var response = new GatewayResponse(code);
        if (root.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Object)
        {
            foreach (var header in headers.EnumerateObject())
            {
                if (ScalarText(header.Value) is { } value)
                {
                    response.Headers.Add(new(header.Name, value));
                }
            }
        }
        if (root.TryGetProperty("multiValueHeaders", out var multi) && multi.ValueKind == JsonValueKind.Object)
        {
            foreach (var header in multi.EnumerateObject().Where(h => h.Value.ValueKind == JsonValueKind.Array))
            {
                // Single-value headers of the same name are replaced by the multi-value list, as on AWS.
                response.Headers.RemoveAll(h => string.Equals(h.Key, header.Name, StringComparison.OrdinalIgnoreCase));
                foreach (var item in header.Value.EnumerateArray())
                {
                    if (ScalarText(item) is { } value)
                    {
                        response.Headers.Add(new(header.Name, value));
                    }
                }
            }
        }
        if (formatV2 && root.TryGetProperty("cookies", out var cookies) && cookies.ValueKind == JsonValueKind.Array)
        {
            foreach (var cookie in cookies.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.String))
            {
                response.Headers.Add(new("set-cookie", cookie.GetString()!));
            }
        }
        var base64 = root.TryGetProperty("isBase64Encoded", out var flag) && flag.ValueKind == JsonValueKind.True;
        if (root.TryGetProperty("body", out var body) && body.ValueKind != JsonValueKind.Null)
        {
            var text = body.ValueKind == JsonValueKind.String ? body.GetString()! : body.GetRawText();
            if (base64)
            {
                try
                {
                    response.Body = Convert.FromBase64String(text);
                }
                catch (FormatException)
                {
                    return null;
                }
            }
            else
            {
                response.Body = Encoding.UTF8.GetBytes(text);
            }
        }
        return response;
    }

    private static string? ScalarText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => null,
    };
}
