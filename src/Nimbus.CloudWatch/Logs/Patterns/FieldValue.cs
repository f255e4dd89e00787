using System.Globalization;

namespace Nimbus.CloudWatch.Logs.Patterns;

/// <summary>The value a pattern condition tests: a JSON member or a space-delimited field.</summary>
internal readonly record struct FieldValue(FieldKind Kind, string Text)
{
    public static readonly FieldValue Missing = new(FieldKind.Missing, "");

    public double? Number => Kind is FieldKind.Number or FieldKind.Text
        && double.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;
}
