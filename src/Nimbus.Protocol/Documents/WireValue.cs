using System.Globalization;

namespace Nimbus.Protocol.Documents;

/// <summary>
/// A request or response document in protocol-neutral form, so that one service layer serves smithy-rpc-v2-cbor,
/// awsJson and query alike. Readers are lenient in the way the protocols differ: query sends every scalar as a
/// string and JSON sends timestamps as epoch-second numbers, so the typed accessors convert; a value that cannot
/// be converted throws <see cref="WireFormatException"/> naming its path, which the service maps to its own error.
/// </summary>
public sealed class WireValue
{
    public static readonly WireValue Null = new(WireKind.Null, null);

    private readonly object? _value;

    private WireValue(WireKind kind, object? value, bool isInteger = false, bool isKeyedMap = false)
    {
        Kind = kind;
        _value = value;
        IsInteger = isInteger;
        IsKeyedMap = isKeyedMap;
    }

    public WireKind Kind { get; }

    /// <summary>A number of an integer shape: CBOR writes it as an integer item, XML without a decimal point.</summary>
    public bool IsInteger { get; }

    /// <summary>A map shape (string keys chosen by the user) rather than a structure: XML writes it as entries.</summary>
    public bool IsKeyedMap { get; }

    public static WireValue Of(string value) => new(WireKind.String, value);

    public static WireValue Of(double value) => new(WireKind.Number, value);

    public static WireValue OfInteger(long value) => new(WireKind.Number, (double)value, isInteger: true);

    public static WireValue Of(bool value) => new(WireKind.Boolean, value);

    public static WireValue Of(DateTimeOffset value) => new(WireKind.Timestamp, value);

    public static WireValue Blob(byte[] value) => new(WireKind.Blob, value);

    public static WireValue List(IEnumerable<WireValue> items) => new(WireKind.List, items.ToList());

    /// <summary>A map; members keep their order (the query protocol's XML follows it).</summary>
    public static WireValue Map(IEnumerable<KeyValuePair<string, WireValue>> members) => new(WireKind.Map, new WireMap(members));

    public static WireValue KeyedMap(IEnumerable<KeyValuePair<string, WireValue>> entries) => new(WireKind.Map, new WireMap(entries), isKeyedMap: true);

    public static WireValue Map(params (string Name, WireValue? Value)[] members) =>
        Map(members.Where(m => m.Value is not null && m.Value.Kind != WireKind.Null).Select(m => KeyValuePair.Create(m.Name, m.Value!)));

    /// <summary>A member of a map, or null when absent or explicitly null.</summary>
    public WireValue? this[string name] =>
        Kind == WireKind.Map && ((WireMap)_value!).TryGet(name, out var member) && member.Kind != WireKind.Null ? member : null;

    public IReadOnlyList<KeyValuePair<string, WireValue>> Members =>
        Kind == WireKind.Map ? ((WireMap)_value!).Members : throw new WireFormatException("a structure or map");

    public string AsString() => Kind switch
    {
        WireKind.String => (string)_value!,
        WireKind.Number => ((double)_value!).ToString("R", CultureInfo.InvariantCulture),
        WireKind.Boolean => (bool)_value! ? "true" : "false",
        _ => throw new WireFormatException("a string"),
    };

    public double AsDouble() => Kind switch
    {
        WireKind.Number => (double)_value!,
        WireKind.String when double.TryParse((string)_value!, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => throw new WireFormatException("a number"),
    };

    public long AsInt64()
    {
        var number = AsDouble();
        return number == Math.Floor(number) && Math.Abs(number) < 9.2e18 ? (long)number : throw new WireFormatException("an integer");
    }

    public int AsInt32()
    {
        var number = AsInt64();
        return number is >= int.MinValue and <= int.MaxValue ? (int)number : throw new WireFormatException("an integer");
    }

    public bool AsBoolean() => Kind switch
    {
        WireKind.Boolean => (bool)_value!,
        WireKind.String when bool.TryParse((string)_value!, out var parsed) => parsed,
        _ => throw new WireFormatException("a boolean"),
    };

    /// <summary>Timestamps: CBOR tag 1 and JSON epoch seconds; query sends ISO 8601 (or epoch seconds).</summary>
    public DateTimeOffset AsTimestamp() => Kind switch
    {
        WireKind.Timestamp => (DateTimeOffset)_value!,
        WireKind.Number => FromEpochSeconds((double)_value!),
        WireKind.String when double.TryParse((string)_value!, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) => FromEpochSeconds(seconds),
        WireKind.String when DateTimeOffset.TryParse((string)_value!, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed) => parsed,
        _ => throw new WireFormatException("a timestamp"),
    };

    public byte[] AsBlob() => Kind switch
    {
        WireKind.Blob => (byte[])_value!,
        WireKind.String => Convert.FromBase64String((string)_value!),
        _ => throw new WireFormatException("a blob"),
    };

    /// <summary>A list; query's way of sending an empty list is the bare member with an empty value.</summary>
    public IReadOnlyList<WireValue> AsList() => Kind switch
    {
        WireKind.List => (List<WireValue>)_value!,
        WireKind.String when ((string)_value!).Length == 0 => [],
        _ => throw new WireFormatException("a list"),
    };

    private static DateTimeOffset FromEpochSeconds(double seconds)
    {
        if (double.IsNaN(seconds) || Math.Abs(seconds) > 253402300799)
        {
            throw new WireFormatException("a timestamp");
        }
        return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
    }
}
