using System.Text;

namespace Nimbus.DynamoDb.Model;

/// <summary>
/// Item size as DynamoDB counts it for the 400 KB limit and capacity units
/// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html): attribute
/// names plus values; numbers about one byte per two significant digits plus one; lists and maps 3 bytes plus
/// one per element.
/// </summary>
internal static class ItemSize
{
    public const int MaxItemBytes = 400 * 1024;

    public static int Of(IReadOnlyDictionary<string, AttributeValue> item)
    {
        var size = 0;
        foreach (var (name, value) in item)
        {
            size += Encoding.UTF8.GetByteCount(name) + Of(value);
        }
        return size;
    }

    public static int Of(AttributeValue value) => value.Kind switch
    {
        AttributeKind.S => Encoding.UTF8.GetByteCount(value.S),
        AttributeKind.N => NumberSize(value.N),
        AttributeKind.B => value.B.Length,
        AttributeKind.BOOL or AttributeKind.NULL => 1,
        AttributeKind.SS => value.SS.Sum(Encoding.UTF8.GetByteCount),
        AttributeKind.NS => value.NS.Sum(NumberSize),
        AttributeKind.BS => value.BS.Sum(b => b.Length),
        AttributeKind.L => 3 + value.L.Sum(v => 1 + Of(v)),
        AttributeKind.M => 3 + value.M.Sum(p => 1 + Encoding.UTF8.GetByteCount(p.Key) + Of(p.Value)),
        _ => 0,
    };

    private static int NumberSize(DynamoNumber n) => (n.Digits + 1) / 2 + 1;
}
