using System.Text.Json;
using System.Text.Json.Nodes;

namespace Nimbus.EventBridge.Transform;

/// <summary>
/// The JSONPath subset EventBridge's <c>InputPath</c> and <c>InputPathsMap</c> use: <c>$</c>, dotted members
/// (<c>$.detail.state</c>), bracketed members (<c>$['detail-type']</c>) and array indexes (<c>$.resources[0]</c>).
/// </summary>
internal static class JsonPathSelector
{
    /// <summary>Splits a path into member names and indexes; null when it is not a path EventBridge accepts.</summary>
    public static IReadOnlyList<object>? Parse(string path)
    {
        if (!path.StartsWith('$'))
        {
            return null;
        }
        var steps = new List<object>();
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var start = ++i;
                while (i < path.Length && path[i] != '.' && path[i] != '[')
                {
                    i++;
                }
                if (i == start)
                {
                    return null;
                }
                steps.Add(path[start..i]);
            }
            else if (path[i] == '[')
            {
                var close = path.IndexOf(']', i);
                if (close < 0)
                {
                    return null;
                }
                var inner = path[(i + 1)..close];
                if (inner.Length >= 2 && inner[0] == '\'' && inner[^1] == '\'')
                {
                    steps.Add(inner[1..^1]);
                }
                else if (int.TryParse(inner, out var index) && index >= 0)
                {
                    steps.Add(index);
                }
                else
                {
                    return null;
                }
                i = close + 1;
            }
            else
            {
                return null;
            }
        }
        return steps;
    }

    /// <summary>The value at <paramref name="path"/>, or null when the event has nothing there.</summary>
    public static JsonElement? Select(JsonElement root, string path)
    {
        var steps = Parse(path);
        if (steps is null)
        {
            return null;
        }
        var current = root;
        foreach (var step in steps)
        {
            if (step is string name && current.ValueKind == JsonValueKind.Object && current.TryGetProperty(name, out var child))
            {
                current = child;
            }
            else if (step is int index && current.ValueKind == JsonValueKind.Array && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else
            {
                return null;
            }
        }
        return current;
    }

    /// <summary>Only what JSON requires is escaped (quotes, backslashes, control characters), as EventBridge writes JSON.</summary>
    private static readonly JsonSerializerOptions Minimal = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Re-serialises compactly, as EventBridge delivers JSON.</summary>
    public static string Compact(JsonElement value) => JsonNode.Parse(value.GetRawText())?.ToJsonString(Minimal) ?? "null";
}
