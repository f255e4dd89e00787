using System.Text;

namespace Nimbus.ApiGateway.Runtime;

/// <summary><c>${stageVariables.name}</c> in integration URIs, replaced with the stage's value (empty when unset).</summary>
internal static class StageVariables
{
    private const string Marker = "${stageVariables.";

    public static string Substitute(string text, IReadOnlyDictionary<string, string>? variables)
    {
        var start = text.IndexOf(Marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return text;
        }
        var result = new StringBuilder();
        var position = 0;
        while (start >= 0)
        {
            var end = text.IndexOf('}', start);
            if (end < 0)
            {
                break;
            }
            result.Append(text, position, start - position);
            var name = text[(start + Marker.Length)..end];
            result.Append(variables?.GetValueOrDefault(name) ?? "");
            position = end + 1;
            start = text.IndexOf(Marker, position, StringComparison.Ordinal);
        }
        result.Append(text, position, text.Length - position);
        return result.ToString();
    }
}
