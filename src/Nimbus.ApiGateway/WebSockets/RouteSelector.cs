using System.Text.Json;
using Nimbus.ApiGateway.Service;

namespace Nimbus.ApiGateway.WebSockets;

/// <summary>
/// Evaluates a WebSocket API's route selection expression against a message: <c>$request.body.action</c> (or
/// <c>${request.body.action}</c>, with nested members <c>$request.body.a.b</c>) names a JSON member of the body; its
/// value is the route key. A body that is not JSON, or lacks the member, selects <c>$default</c>.
/// </summary>
internal static class RouteSelector
{
    public static string Select(string? expression, ReadOnlySpan<byte> body)
    {
        var path = PathOf(expression);
        if (path is null)
        {
            return RouteKeys.Default;
        }
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            var element = document.RootElement;
            foreach (var member in path)
            {
                if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(member, out element))
                {
                    return RouteKeys.Default;
                }
            }
            return element.ValueKind switch
            {
                JsonValueKind.String => element.GetString()!,
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
                _ => RouteKeys.Default,
            };
        }
        catch (JsonException)
        {
            return RouteKeys.Default;
        }
    }

    private static string[]? PathOf(string? expression)
    {
        if (expression is null)
        {
            return null;
        }
        var inner = expression.StartsWith("${", StringComparison.Ordinal) && expression.EndsWith('}') ? "$" + expression[2..^1] : expression;
        const string Prefix = "$request.body.";
        return inner.StartsWith(Prefix, StringComparison.Ordinal) && inner.Length > Prefix.Length ? inner[Prefix.Length..].Split('.') : null;
    }
}
