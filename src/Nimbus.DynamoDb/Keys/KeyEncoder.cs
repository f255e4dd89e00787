using System.Text;
using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.Keys;

/// <summary>
/// Encodes key values into bytes whose bytewise order (SQLite's BLOB order, memcmp) is DynamoDB's key order, so a
/// Query is an index range scan:
/// <list type="bullet">
/// <item>S: the UTF-8 bytes (DynamoDB orders strings by their UTF-8 bytes);</item>
/// <item>B: the bytes themselves;</item>
/// <item>N: a sign byte, then for non-zero numbers a biased 16-bit exponent and one byte per digit; negative
/// numbers have both inverted and end in 0xFF, so a shorter mantissa sorts after a longer one with its prefix.</item>
/// </list>
/// </summary>
internal static class KeyEncoder
{
    private const byte Negative = 0x01;
    private const byte Zero = 0x02;
    private const byte Positive = 0x03;

    public static byte[] Encode(AttributeValue value) => value.Kind switch
    {
        AttributeKind.S => Encoding.UTF8.GetBytes(value.S),
        AttributeKind.B => value.B,
        AttributeKind.N => EncodeNumber(value.N),
        _ => throw new ArgumentException($"{value.Kind} is not a key type", nameof(value)),
    };

    public static byte[] EncodeNumber(DynamoNumber number)
    {
        if (number.Sign == 0)
        {
            return [Zero];
        }
        var digits = number.DigitString;
        var bytes = new byte[3 + digits.Length + (number.Sign < 0 ? 1 : 0)];
        var exponent = (ushort)(number.Magnitude + 0x8000);
        bytes[0] = number.Sign < 0 ? Negative : Positive;
        bytes[1] = (byte)(exponent >> 8);
        bytes[2] = (byte)exponent;
        for (var i = 0; i < digits.Length; i++)
        {
            bytes[3 + i] = (byte)(digits[i] - '0' + 1);
        }
        if (number.Sign < 0)
        {
            for (var i = 1; i < bytes.Length - 1; i++)
            {
                bytes[i] = (byte)~bytes[i];
            }
            bytes[^1] = 0xFF;
        }
        return bytes;
    }

    /// <summary>The smallest byte string greater than every string starting with <paramref name="prefix"/>, or null.</summary>
    public static byte[]? PrefixEnd(byte[] prefix)
    {
        var end = (byte[])prefix.Clone();
        for (var i = end.Length - 1; i >= 0; i--)
        {
            if (end[i] != 0xFF)
            {
                end[i]++;
                return end[..(i + 1)];
            }
        }
        return null;
    }

    public static int Compare(byte[] a, byte[] b) => a.AsSpan().SequenceCompareTo(b);
}
