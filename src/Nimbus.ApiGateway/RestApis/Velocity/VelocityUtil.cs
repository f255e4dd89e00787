using System.Globalization;
using System.Net;
using System.Text;

namespace Nimbus.ApiGateway.RestApis.Velocity;

/// <summary>
/// <c>$util</c>: <c>escapeJavaScript</c> (commons-lang's, which also escapes <c>'</c> and <c>/</c> and writes non-ASCII
/// as <c>\uXXXX</c>), <c>parseJson</c>, <c>urlEncode</c>/<c>urlDecode</c> (Java's form encoding) and
/// <c>base64Encode</c>/<c>base64Decode</c>.
/// </summary>
internal sealed class VelocityUtil : IVelocityObject
{
    public bool TryGet(string name, out object? value)
    {
        value = null;
        return false;
    }

    public bool TryInvoke(string name, object?[] arguments, out object? value)
    {
        value = null;
        if (arguments is not [{ } argument])
        {
            return false;
        }
        var text = VelocityValues.Render(argument);
        value = name switch
        {
            "escapeJavaScript" => EscapeJavaScript(text),
            "parseJson" => JsonValues.TryParse(text) is { } json ? JsonValues.ToObject(json) : null,
            "urlEncode" => UrlEncode(text),
            "urlDecode" => WebUtility.UrlDecode(text),
            "base64Encode" => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)),
            "base64Decode" => Base64Decode(text),
            _ => null,
        };
        return value is not null;
    }

    public static string EscapeJavaScript(string text)
    {
        var result = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\b': result.Append("\\b"); break;
                case '\n': result.Append("\\n"); break;
                case '\t': result.Append("\\t"); break;
                case '\f': result.Append("\\f"); break;
                case '\r': result.Append("\\r"); break;
                case '\'': result.Append("\\'"); break;
                case '"': result.Append("\\\""); break;
                case '\\': result.Append("\\\\"); break;
                case '/': result.Append("\\/"); break;
                default:
                    if (c < 32 || c > 0x7f)
                    {
                        result.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        result.Append(c);
                    }
                    break;
            }
        }
        return result.ToString();
    }

    /// <summary>Java's <c>URLEncoder.encode(s, "UTF-8")</c>: letters, digits and <c>.-*_</c> stay, space is <c>+</c>.</summary>
    public static string UrlEncode(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'.' or (byte)'-' or (byte)'*' or (byte)'_')
            {
                result.Append((char)b);
            }
            else if (b == ' ')
            {
                result.Append('+');
            }
            else
            {
                result.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return result.ToString();
    }

    private static string? Base64Decode(string text)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(text));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
