using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Nimbus.CloudWatch.Logs.Insights;

/// <summary>
/// <c>@ptr</c>: an opaque pointer to one event (its group and store id) that GetLogRecord resolves. The caller's
/// account and region scope it, so a pointer never reaches another account's events.
/// </summary>
internal static class LogRecordPointer
{
    public static string Format(string groupName, long eventId) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(eventId.ToString(CultureInfo.InvariantCulture) + ":" + groupName));

    public static bool TryParse(string pointer, out string groupName, out long eventId)
    {
        groupName = "";
        eventId = 0;
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(pointer));
        }
        catch (FormatException)
        {
            return false;
        }
        var colon = text.IndexOf(':');
        if (colon <= 0 || !long.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out eventId) || colon == text.Length - 1)
        {
            return false;
        }
        groupName = text[(colon + 1)..];
        return true;
    }
}
