using System.Globalization;
using Nimbus.DynamoDb.Keys;
using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.Tests;

/// <summary>The key encoding's bytewise order is DynamoDB's order, and prefix ranges are exact (property tests over random values).</summary>
public sealed class KeyEncoderTests
{
    [Fact]
    public void NumberEncoding_OrdersAsTheNumbers()
    {
        var random = new Random(42);
        var numbers = Enumerable.Range(0, 2000).Select(_ => RandomNumber(random))
            .Concat(["0", "-0", "1", "-1", "10", "1e2", "99.99", "-0.001", "1E+125", "-1E-130", "12345678901234567890123456789012345678"])
            .Select(s => DynamoNumber.TryParse(s)!.Value)
            .ToList();
        var byValue = numbers.OrderBy(n => n).ToList();
        var byBytes = numbers.OrderBy(n => KeyEncoder.EncodeNumber(n), Comparer<byte[]>.Create(KeyEncoder.Compare)).ToList();
        for (var i = 0; i < byValue.Count; i++)
        {
            Assert.Equal(0, byValue[i].CompareTo(byBytes[i]));
        }
    }

    [Fact]
    public void Numbers_KeepThirtyEightDigitsAndNormalize()
    {
        Assert.Equal("1.5", DynamoNumber.TryParse("1.50")!.Value.ToString());
        Assert.Equal("1500", DynamoNumber.TryParse("15E2")!.Value.ToString());
        var big = DynamoNumber.TryParse("12345678901234567890123456789012345678")!.Value;
        Assert.Equal("12345678901234567890123456789012345679", (big + DynamoNumber.TryParse("1")!.Value).ToString());
        Assert.NotNull(DynamoNumber.TryParse("123456789012345678901234567890123456789")!.Value.Validate());
        Assert.Null(DynamoNumber.TryParse("abc"));
    }

    [Fact]
    public void StringEncoding_OrdersByUtf8Bytes()
    {
        string[] values = ["a", "B", "ab", "é", "z", "", "\u4e2d", "a\u0000"];
        var byBytes = values.OrderBy(v => KeyEncoder.Encode(AttributeValue.String(v)), Comparer<byte[]>.Create(KeyEncoder.Compare)).ToList();
        var byOrdinalUtf8 = values.OrderBy(v => System.Text.Encoding.UTF8.GetBytes(v), Comparer<byte[]>.Create((a, b) => a.AsSpan().SequenceCompareTo(b))).ToList();
        Assert.Equal(byOrdinalUtf8, byBytes);
    }

    [Fact]
    public void BinaryEncoding_OrdersAsUnsignedBytes()
    {
        var random = new Random(11);
        var values = Enumerable.Range(0, 1000).Select(_ => RandomBytes(random))
            .Concat([[0x00], [0x01], [0x7f], [0x80], [0xff], [0x7f, 0xff], [0x80, 0x00], [0xff, 0x00]])
            .ToList();
        var byEncoding = values.OrderBy(v => KeyEncoder.Encode(AttributeValue.Binary(v)), Comparer<byte[]>.Create(KeyEncoder.Compare)).ToList();
        var byUnsigned = values.OrderBy(v => v, Comparer<byte[]>.Create(UnsignedCompare)).ToList();
        Assert.Equal(byUnsigned, byEncoding);
    }

    [Fact]
    public void PrefixEnd_BoundsExactlyTheValuesWithThePrefix()
    {
        // begins_with on a key is the range [prefix, PrefixEnd(prefix)); no end means open above (a prefix of 0xFF bytes).
        var random = new Random(5);
        var prefixes = Enumerable.Range(0, 200).Select(_ => RandomBytes(random, maxLength: 3))
            .Concat([[0xff], [0xff, 0xff], [0x7f], [0x7f, 0xff], [0x00]]);
        var values = Enumerable.Range(0, 400).Select(_ => RandomBytes(random)).ToList();
        foreach (var prefix in prefixes)
        {
            var end = KeyEncoder.PrefixEnd(prefix);
            foreach (var value in values.Concat([prefix, [.. prefix, 0x00], [.. prefix, 0xff]]))
            {
                var inRange = UnsignedCompare(value, prefix) >= 0 && (end is null || UnsignedCompare(value, end) < 0);
                Assert.True(value.AsSpan().StartsWith(prefix) == inRange,
                    $"prefix {Convert.ToHexString(prefix)}, end {(end is null ? "none" : Convert.ToHexString(end))}, value {Convert.ToHexString(value)}");
            }
        }
    }

    private static byte[] RandomBytes(Random random, int maxLength = 5)
    {
        // Few distinct byte values, so shared prefixes and the 0x7f/0x80 and 0xff edges come up often.
        byte[] alphabet = [0x00, 0x01, 0x7e, 0x7f, 0x80, 0x81, 0xfe, 0xff];
        return Enumerable.Range(0, random.Next(1, maxLength + 1)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray();
    }

    /// <summary>Written out rather than taken from the encoder, so it checks the encoder's order independently.</summary>
    private static int UnsignedCompare(byte[] a, byte[] b)
    {
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            if (a[i] != b[i])
            {
                return (int)a[i] - b[i];
            }
        }
        return a.Length - b.Length;
    }

    private static string RandomNumber(Random random)
    {
        var digits = random.Next(1, 39);
        var text = string.Concat(Enumerable.Range(0, digits).Select(_ => (char)('0' + random.Next(10))));
        var exponent = random.Next(-60, 60);
        var sign = random.Next(2) == 0 ? "-" : "";
        return $"{sign}{text}e{exponent.ToString(CultureInfo.InvariantCulture)}";
    }
}
