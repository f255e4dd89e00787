using System.Globalization;
using System.Text;

namespace Nimbus.CloudWatch.Metrics.Service;

/// <summary>Opaque pagination tokens: a kind tag and a position, base64-encoded so clients treat them as opaque.</summary>
internal static class PageTokens
{
    public static string Encode(string kind, long position) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{kind}:{position}")));

    /// <summary>A token holding a text position (an alarm name to continue after).</summary>
    public static string EncodeText(string kind, string position) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{kind}:{position}"));

    public static bool TryDecodeText(string token, string kind, out string position)
    {
        position = "";
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            if (!text.StartsWith(kind + ":", StringComparison.Ordinal))
            {
                return false;
            }
            position = text[(kind.Length + 1)..];
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public static bool TryDecode(string token, string kind, out long position)
    {
        position = 0;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return text.StartsWith(kind + ":", StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(kind.Length + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out position);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
