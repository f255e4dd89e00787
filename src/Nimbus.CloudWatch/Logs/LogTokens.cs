using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Nimbus.CloudWatch.Logs.Model;

namespace Nimbus.CloudWatch.Logs;

/// <summary>
/// Pagination tokens. GetLogEvents tokens look like AWS's (<c>f/</c> or <c>b/</c> followed by 56 digits): the
/// position of an event as a 20-digit timestamp and a 36-digit id. Other tokens are opaque base64url.
/// </summary>
internal static class LogTokens
{
    public static string Forward(EventKey key) => "f/" + Digits(key);

    public static string Backward(EventKey key) => "b/" + Digits(key);

    /// <summary>Parses a GetLogEvents token; <paramref name="forward"/> tells its direction.</summary>
    public static bool TryParseStreamToken(string token, out EventKey key, out bool forward)
    {
        key = default;
        forward = token.StartsWith("f/", StringComparison.Ordinal);
        if ((!forward && !token.StartsWith("b/", StringComparison.Ordinal)) || token.Length != 58)
        {
            return false;
        }
        if (!long.TryParse(token.AsSpan(2, 20), NumberStyles.None, CultureInfo.InvariantCulture, out var time)
            || !long.TryParse(token.AsSpan(22, 36), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return false;
        }
        key = new EventKey(time, id);
        return true;
    }

    /// <summary>A FilterLogEvents token: the position of the last event looked at.</summary>
    public static string Filter(EventKey key) => Opaque($"e:{key.Timestamp}:{key.Id}");

    public static bool TryParseFilter(string token, out EventKey key)
    {
        key = default;
        var parts = FromOpaque(token)?.Split(':');
        if (parts is not ["e", var time, var id]
            || !long.TryParse(time, NumberStyles.None, CultureInfo.InvariantCulture, out var t)
            || !long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var i))
        {
            return false;
        }
        key = new EventKey(t, i);
        return true;
    }

    public static string Group(string lastName) => Opaque("g:" + lastName);

    public static string? ParseGroup(string token) => FromOpaque(token) is { } text && text.StartsWith("g:", StringComparison.Ordinal) ? text[2..] : null;

    public static string Stream(StreamCursor cursor) => Opaque($"s:{cursor.LastEventTime}:{cursor.Name}");

    public static StreamCursor? ParseStream(string token)
    {
        var parts = FromOpaque(token)?.Split(':', 3);
        return parts is ["s", var time, var name] && long.TryParse(time, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var t)
            ? new StreamCursor(t, name)
            : null;
    }

    /// <summary>FilterLogEvents' <c>eventId</c>: 56 digits like AWS's, unique within the store and stable.</summary>
    public static string EventId(LogEvent e) => Digits(e.Key);

    private static string Digits(EventKey key) =>
        key.Timestamp.ToString("D20", CultureInfo.InvariantCulture) + key.Id.ToString("D36", CultureInfo.InvariantCulture);

    private static string Opaque(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    private static string? FromOpaque(string token)
    {
        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
