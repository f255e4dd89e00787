using System.Globalization;

namespace Nimbus.DynamoDb.Streams;

/// <summary>
/// Stream sequence numbers as AWS shows them: decimal strings of 21 digits that grow with every record. Nimbus
/// derives them from the store's record counter, so they also order records across restarts.
/// </summary>
internal static class SequenceNumbers
{
    private const decimal Base = 100000000000000000000m;

    public static string Format(long sequence) => (Base + sequence).ToString(CultureInfo.InvariantCulture);

    public static long? Parse(string text) =>
        text.Length is > 0 and <= 40 && decimal.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= Base && value - Base <= long.MaxValue
            ? (long)(value - Base)
            : null;
}
