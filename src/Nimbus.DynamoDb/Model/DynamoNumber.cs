using System.Globalization;
using System.Numerics;
using System.Text;

namespace Nimbus.DynamoDb.Model;

/// <summary>
/// A DynamoDB number: up to 38 significant decimal digits, magnitude between 1E-130 and 9.99…E+125
/// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html).
/// Kept exact as <c>Mantissa × 10^Exponent</c> with no trailing zeros in the mantissa, so equal numbers have
/// one representation ("1.50" and "15E-1" are the same value) and arithmetic never rounds through binary floats.
/// </summary>
internal readonly struct DynamoNumber : IComparable<DynamoNumber>, IEquatable<DynamoNumber>
{
    public const int MaxDigits = 38;

    private DynamoNumber(BigInteger mantissa, int exponent)
    {
        if (mantissa.IsZero)
        {
            exponent = 0;
        }
        else
        {
            while (mantissa % 10 == 0)
            {
                mantissa /= 10;
                exponent++;
            }
        }
        Mantissa = mantissa;
        Exponent = exponent;
    }

    public BigInteger Mantissa { get; }

    public int Exponent { get; }

    public int Sign => Mantissa.Sign;

    /// <summary>Number of significant digits (1 for zero).</summary>
    public int Digits => Mantissa.IsZero ? 1 : BigInteger.Abs(Mantissa).ToString(CultureInfo.InvariantCulture).Length;

    /// <summary>The exponent of the leading digit: 123 → 2, 0.05 → -2.</summary>
    public int Magnitude => Exponent + Digits - 1;

    /// <summary>Parses DynamoDB's number syntax; null when the text is not a number.</summary>
    public static DynamoNumber? TryParse(string text)
    {
        var span = text.AsSpan().Trim();
        if (span.Length == 0)
        {
            return null;
        }
        var negative = false;
        var i = 0;
        if (span[0] is '+' or '-')
        {
            negative = span[0] == '-';
            i++;
        }
        var digits = new StringBuilder();
        var exponent = 0;
        var seenDigit = false;
        var seenPoint = false;
        for (; i < span.Length; i++)
        {
            var c = span[i];
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
                seenDigit = true;
                if (seenPoint)
                {
                    exponent--;
                }
            }
            else if (c == '.' && !seenPoint)
            {
                seenPoint = true;
            }
            else
            {
                break;
            }
        }
        if (!seenDigit)
        {
            return null;
        }
        if (i < span.Length)
        {
            if (span[i] is not ('e' or 'E') || !int.TryParse(span[(i + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var e))
            {
                return null;
            }
            exponent += e;
        }
        var mantissa = BigInteger.Parse(digits.ToString(), CultureInfo.InvariantCulture);
        return new DynamoNumber(negative ? -mantissa : mantissa, exponent);
    }

    /// <summary>Null when the number fits DynamoDB's range and precision; otherwise AWS's message.</summary>
    public string? Validate()
    {
        if (Mantissa.IsZero)
        {
            return null;
        }
        if (Digits > MaxDigits)
        {
            return "Attempting to store more than 38 significant digits in a Number";
        }
        if (Magnitude > 125)
        {
            return "Number overflow. Attempting to store a number with magnitude larger than supported range";
        }
        if (Magnitude < -130)
        {
            return "Number underflow. Attempting to store a number with magnitude smaller than supported range";
        }
        return null;
    }

    public static DynamoNumber operator +(DynamoNumber a, DynamoNumber b)
    {
        var e = Math.Min(a.Exponent, b.Exponent);
        return new DynamoNumber(a.Mantissa * BigInteger.Pow(10, a.Exponent - e) + b.Mantissa * BigInteger.Pow(10, b.Exponent - e), e);
    }

    public static DynamoNumber operator -(DynamoNumber a) => new(-a.Mantissa, a.Exponent);

    public static DynamoNumber operator -(DynamoNumber a, DynamoNumber b) => a + -b;

    public int CompareTo(DynamoNumber other)
    {
        if (Sign != other.Sign)
        {
            return Sign.CompareTo(other.Sign);
        }
        var e = Math.Min(Exponent, other.Exponent);
        return (Mantissa * BigInteger.Pow(10, Exponent - e)).CompareTo(other.Mantissa * BigInteger.Pow(10, other.Exponent - e));
    }

    public bool Equals(DynamoNumber other) => Mantissa == other.Mantissa && Exponent == other.Exponent;

    public override bool Equals(object? obj) => obj is DynamoNumber other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Mantissa, Exponent);

    /// <summary>DynamoDB answers numbers in plain notation without trailing zeros ("1.5", "1000", "-0.001").</summary>
    public override string ToString()
    {
        if (Mantissa.IsZero)
        {
            return "0";
        }
        var digits = BigInteger.Abs(Mantissa).ToString(CultureInfo.InvariantCulture);
        var sign = Mantissa.Sign < 0 ? "-" : "";
        if (Exponent >= 0)
        {
            return sign + digits + new string('0', Exponent);
        }
        var point = digits.Length + Exponent;
        return point > 0
            ? sign + digits[..point] + "." + digits[point..]
            : sign + "0." + new string('0', -point) + digits;
    }

    /// <summary>The significant digits, most significant first (for the key encoding and item size).</summary>
    public string DigitString => Mantissa.IsZero ? "0" : BigInteger.Abs(Mantissa).ToString(CultureInfo.InvariantCulture);
}
