using System.Globalization;
using Nimbus.DynamoDb.Keys;
using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.Tests;

/// <summary>The key encoding's bytewise order is DynamoDB's order (property test over random values).</summary>
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

    private static string RandomNumber(Random random)
    {
        var digits = random.Next(1, 39);
        var text = string.Concat(Enumerable.Range(0, digits).Select(_ => (char)('0' + random.Next(10))));
        var exponent = random.Next(-60, 60);
        var sign = random.Next(2) == 0 ? "-" : "";
        return $"{sign}{text}e{exponent.ToString(CultureInfo.InvariantCulture)}";
    }
}
