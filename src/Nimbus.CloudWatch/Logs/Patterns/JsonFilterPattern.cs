using System.Globalization;
using System.Text.Json;

namespace Nimbus.CloudWatch.Logs.Patterns;

/// <summary>
/// A JSON filter pattern, <c>{ $.level = "ERROR" &amp;&amp; $.latency &gt; 100 }</c>: matches messages that are JSON
/// objects whose selected members satisfy the conditions. Selectors are <c>$.a.b</c> with array indexes
/// <c>$.a[0].b</c>. Messages that are not JSON never match.
/// </summary>
internal sealed class JsonFilterPattern : IMessagePredicate
{
    private readonly Condition _condition;

    private JsonFilterPattern(Condition condition)
    {
        _condition = condition;
    }

    public static JsonFilterPattern Parse(string pattern)
    {
        var parser = new ConditionParser(pattern, 1, '}');
        var condition = parser.ParseOr();
        var rest = pattern[parser.Position..].Trim();
        if (rest != "}")
        {
            throw LogsErrors.InvalidParameter("Invalid filter pattern: a JSON pattern must be one condition expression inside { }.");
        }
        return new JsonFilterPattern(condition);
    }

    public bool Matches(string message)
    {
        var trimmed = message.AsSpan().TrimStart();
        if (trimmed.Length == 0 || trimmed[0] != '{')
        {
            return false;
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message);
        }
        catch (JsonException)
        {
            return false;
        }
        using (document)
        {
            var root = document.RootElement;
            return _condition.Evaluate(selector => Resolve(root, selector));
        }
    }

    private static FieldValue Resolve(JsonElement root, string selector)
    {
        if (!selector.StartsWith('$'))
        {
            return FieldValue.Missing;
        }
        var current = root;
        var i = 1;
        while (i < selector.Length)
        {
            if (selector[i] == '.')
            {
                var end = selector.IndexOfAny(['.', '['], i + 1);
                var name = selector[(i + 1)..(end < 0 ? selector.Length : end)];
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
                {
                    return FieldValue.Missing;
                }
                i = end < 0 ? selector.Length : end;
            }
            else if (selector[i] == '[')
            {
                var end = selector.IndexOf(']', i);
                if (end < 0 || !int.TryParse(selector.AsSpan(i + 1, end - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                    || current.ValueKind != JsonValueKind.Array || index >= current.GetArrayLength())
                {
                    return FieldValue.Missing;
                }
                current = current[index];
                i = end + 1;
            }
            else
            {
                return FieldValue.Missing;
            }
        }
        return current.ValueKind switch
        {
            JsonValueKind.String => new FieldValue(FieldKind.Text, current.GetString()!),
            JsonValueKind.Number => new FieldValue(FieldKind.Number, current.GetRawText()),
            JsonValueKind.True => new FieldValue(FieldKind.True, "true"),
            JsonValueKind.False => new FieldValue(FieldKind.False, "false"),
            JsonValueKind.Null => new FieldValue(FieldKind.Null, "null"),
            _ => new FieldValue(FieldKind.Structure, current.GetRawText()),
        };
    }
}
