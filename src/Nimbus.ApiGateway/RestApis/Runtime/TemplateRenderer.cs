using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Nimbus.ApiGateway.RestApis.Runtime;

/// <summary>
/// Mapping templates (MOCK and HTTP integrations) with the references most templates use: <c>$context.*</c>,
/// <c>$stageVariables.*</c>, <c>$input.params('name')</c> (path, then query string, then header),
/// <c>$input.body</c>, and <c>$input.json('…')</c>/<c>$input.path('…')</c> with a <c>$</c> or <c>$.a.b</c> path. Velocity
/// directives (<c>#set</c>, <c>#if</c>, <c>#foreach</c>) are not evaluated; their text is left as it is.
/// </summary>
internal static partial class TemplateRenderer
{
    [GeneratedRegex("""\$input\.params\(\s*['"]([^'"]+)['"]\s*\)|\$input\.(json|path)\(\s*['"]([^'"]+)['"]\s*\)|\$input\.body|\$\{?context\.([A-Za-z0-9_.]*[A-Za-z0-9_])\}?|\$\{?stageVariables\.([A-Za-z0-9_]+)\}?""",
        RegexOptions.CultureInvariant)]
    private static partial Regex References();

    public static string Render(string template, RestRequest request, byte[] input) =>
        References().Replace(template, match =>
        {
            if (match.Groups[1].Success)
            {
                var name = match.Groups[1].Value;
                return request.PathParameters.GetValueOrDefault(name) ?? request.QueryValue(name) ?? request.Header(name) ?? "";
            }
            if (match.Groups[2].Success)
            {
                return JsonAt(input, match.Groups[3].Value, asJson: match.Groups[2].Value == "json");
            }
            if (match.Groups[4].Success)
            {
                return RestContext.Variable(request, match.Groups[4].Value) ?? "";
            }
            if (match.Groups[5].Success)
            {
                return request.StageVariables?.GetValueOrDefault(match.Groups[5].Value) ?? "";
            }
            return Encoding.UTF8.GetString(input);
        });

    /// <summary>The value at a <c>$.a.b</c> path of a JSON body: JSON text for <c>json()</c>, the bare value for <c>path()</c> strings.</summary>
    private static string JsonAt(byte[] input, string path, bool asJson)
    {
        if (path == "$")
        {
            return input.Length == 0 ? "{}" : Encoding.UTF8.GetString(input);
        }
        try
        {
            using var document = JsonDocument.Parse(input);
            var node = document.RootElement;
            foreach (var member in path.TrimStart('$').Split('.', StringSplitOptions.RemoveEmptyEntries))
            {
                if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(member, out node))
                {
                    return asJson ? "null" : "";
                }
            }
            return !asJson && node.ValueKind == JsonValueKind.String ? node.GetString()! : node.GetRawText();
        }
        catch (JsonException)
        {
            return asJson ? "null" : "";
        }
    }
}
