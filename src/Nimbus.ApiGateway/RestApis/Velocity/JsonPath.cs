using System.Globalization;
using System.Text.Json;

namespace Nimbus.ApiGateway.RestApis.Velocity;

/// <summary>
/// The JSONPath subset of <c>$input.json</c> and <c>$input.path</c>: <c>$</c>, <c>.name</c>, <c>['name']</c>,
/// <c>[0]</c>, <c>[*]</c>, <c>.*</c> and <c>..name</c>. A path with a wildcard or <c>..</c> selects a list.
/// </summary>
internal static class JsonPath
{
    public static (List<JsonElement> Matches, bool IsList) Select(JsonElement root, string path)
    {
        path = path.Trim();
        if (path.Length == 0 || path[0] != '$')
        {
            throw new VelocityException($"invalid JSONPath '{path}': it must start with $");
        }
        var current = new List<JsonElement> { root };
        var isList = false;
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.' && i + 1 < path.Length && path[i + 1] == '.')
            {
                var name = ReadName(path, ref i, i + 2);
                current = [.. current.SelectMany(Descendants).Where(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out _)).Select(e => e.GetProperty(name))];
                isList = true;
            }
            else if (path[i] == '.')
            {
                var name = ReadName(path, ref i, i + 1);
                isList |= name == "*";
                current = Step(current, name, null);
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0)
                {
                    throw new VelocityException($"invalid JSONPath '{path}': unclosed [");
                }
                var inside = path[(i + 1)..end].Trim();
                i = end + 1;
                if (inside == "*")
                {
                    isList = true;
                    current = Step(current, "*", null);
                }
                else if (int.TryParse(inside, NumberStyles.Integer, CultureInfo.InvariantCulture, out var index))
                {
                    current = Step(current, null, index);
                }
                else if (inside.Length >= 2 && inside[0] is '\'' or '"' && inside[^1] == inside[0])
                {
                    current = Step(current, inside[1..^1], null);
                }
                else
                {
                    throw new VelocityException($"invalid JSONPath '{path}': [{inside}]");
                }
            }
            else
            {
                throw new VelocityException($"invalid JSONPath '{path}' at '{path[i]}'");
            }
        }
        return (current, isList);
    }

    private static string ReadName(string path, ref int i, int start)
    {
        var end = start;
        while (end < path.Length && path[end] is not '.' and not '[')
        {
            end++;
        }
        if (end == start)
        {
            throw new VelocityException($"invalid JSONPath '{path}': empty name");
        }
        i = end;
        return path[start..end];
    }

    private static List<JsonElement> Step(List<JsonElement> nodes, string? name, int? index)
    {
        var next = new List<JsonElement>();
        foreach (var node in nodes)
        {
            if (name == "*")
            {
                next.AddRange(node.ValueKind switch
                {
                    JsonValueKind.Object => node.EnumerateObject().Select(p => p.Value),
                    JsonValueKind.Array => node.EnumerateArray(),
                    _ => [],
                });
            }
            else if (name is not null && node.ValueKind == JsonValueKind.Object && node.TryGetProperty(name, out var member))
            {
                next.Add(member);
            }
            else if (index is { } at && node.ValueKind == JsonValueKind.Array)
            {
                var length = node.GetArrayLength();
                var position = at < 0 ? length + at : at;
                if (position >= 0 && position < length)
                {
                    next.Add(node[position]);
                }
            }
        }
        return next;
    }

    private static IEnumerable<JsonElement> Descendants(JsonElement node)
    {
        yield return node;
        var children = node.ValueKind switch
        {
            JsonValueKind.Object => node.EnumerateObject().Select(p => p.Value),
            JsonValueKind.Array => node.EnumerateArray(),
            _ => [],
        };
        foreach (var child in children)
        {
            foreach (var descendant in Descendants(child))
            {
                yield return descendant;
            }
        }
    }
}
