using System.Text.Json;

namespace Nimbus.ApiGateway.RestApis.Velocity;

/// <summary>JSON as template values: objects become maps (member order kept), arrays lists, numbers <c>long</c> or <c>double</c>.</summary>
internal static class JsonValues
{
    public static object? ToObject(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Aggregate(new Dictionary<string, object?>(StringComparer.Ordinal), (map, member) =>
        {
            map[member.Name] = ToObject(member.Value);
            return map;
        }),
        JsonValueKind.Array => element.EnumerateArray().Select(ToObject).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var integer) ? (object)integer : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    /// <summary>Parses JSON text; null when it is not JSON.</summary>
    public static JsonElement? TryParse(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
