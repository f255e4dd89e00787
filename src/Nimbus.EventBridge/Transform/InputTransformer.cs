using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Nimbus.EventBridge.Transform;

/// <summary>
/// Applies an <c>InputTransformer</c>: each <c>&lt;name&gt;</c> of the template is replaced by the value its
/// <c>InputPathsMap</c> path selects (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html).
/// AWS's quoting rules: inside a JSON string literal of the template a string value goes in without its quotes
/// (escaped for the string), outside one it goes in as JSON (a string keeps its quotes); a path that selects nothing
/// gives <c>null</c> outside strings and nothing inside them. The predefined
/// <c>aws.events.rule-arn</c>, <c>aws.events.rule-name</c>, <c>aws.events.event.ingestion-time</c>,
/// <c>aws.events.event</c> and <c>aws.events.event.json</c> are available too.
/// </summary>
internal static class InputTransformer
{
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public static string Apply(string template, IReadOnlyDictionary<string, string> paths, JsonElement @event, TransformContext context)
    {
        var output = new StringBuilder(template.Length + 64);
        var inString = false;
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '\\' && inString && i + 1 < template.Length)
            {
                output.Append(c).Append(template[++i]);
                continue;
            }
            if (c == '"')
            {
                inString = !inString;
                output.Append(c);
                continue;
            }
            if (c == '<' && template.IndexOf('>', i + 1) is var close and > 0 && IsName(template.AsSpan(i + 1, close - i - 1)))
            {
                var name = template[(i + 1)..close];
                if (TryResolve(name, paths, @event, context, out var value))
                {
                    output.Append(Render(value, inString));
                    i = close;
                    continue;
                }
            }
            output.Append(c);
        }
        return output.ToString();
    }

    private static bool IsName(ReadOnlySpan<char> span)
    {
        if (span.Length == 0)
        {
            return false;
        }
        foreach (var c in span)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The JSON text a placeholder stands for (null text when its path selected nothing).</summary>
    private static bool TryResolve(string name, IReadOnlyDictionary<string, string> paths, JsonElement @event, TransformContext context, out string? json)
    {
        json = null;
        if (paths.TryGetValue(name, out var path))
        {
            json = JsonPathSelector.Select(@event, path) is { } value ? JsonPathSelector.Compact(value) : null;
            return true;
        }
        switch (name)
        {
            case "aws.events.rule-arn":
                json = JsonSerializer.Serialize(context.RuleArn);
                return true;
            case "aws.events.rule-name":
                json = JsonSerializer.Serialize(context.RuleName);
                return true;
            case "aws.events.event.ingestion-time":
                json = JsonSerializer.Serialize(context.IngestionTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"));
                return true;
            case "aws.events.event":
            case "aws.events.event.json":
                json = JsonPathSelector.Compact(@event);
                return true;
            default:
                return false;
        }
    }

    private static string Render(string? json, bool inString)
    {
        if (json is null)
        {
            return inString ? "" : "null";
        }
        if (!inString)
        {
            return json;
        }
        if (json.Length >= 2 && json[0] == '"')
        {
            // Already escaped for a JSON string: drop the surrounding quotes.
            return json[1..^1];
        }
        // Objects, arrays, numbers inside a string literal: their JSON text, escaped so the literal stays valid.
        return Encoder.Encode(json);
    }
}
