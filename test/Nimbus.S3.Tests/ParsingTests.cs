using Nimbus.Core;
using Nimbus.S3.Api;
using Nimbus.S3.Model;
using Nimbus.S3.Protocol;

namespace Nimbus.S3.Tests;

public sealed class ParsingTests
{
    [Theory]
    [InlineData("my-bucket", true)]
    [InlineData("a.b-c.123", true)]
    [InlineData("ab", false)]
    [InlineData("Upper", false)]
    [InlineData("under_score", false)]
    [InlineData("-start", false)]
    [InlineData("end-", false)]
    [InlineData("two..dots", false)]
    [InlineData("192.168.5.4", false)]
    [InlineData("xn--bucket", false)]
    [InlineData("bucket-s3alias", false)]
    public void BucketNames_FollowAwsRules(string name, bool valid) => Assert.Equal(valid, BucketName.IsValid(name));

    [Theory]
    [InlineData("bytes=0-4", 0, 5)]
    [InlineData("bytes=5-", 5, 5)]
    [InlineData("bytes=-3", 7, 3)]
    [InlineData("bytes=-30", 0, 10)]
    [InlineData("bytes=8-100", 8, 2)]
    public void Ranges_ResolveAgainstTheSize(string header, long start, long length) =>
        Assert.Equal(new ByteRange(start, length), ByteRange.Parse(header, 10));

    [Theory]
    [InlineData("items=0-4")]
    [InlineData("bytes=0-1,3-4")]
    [InlineData("bytes=5-2")]
    public void UnparseableRanges_AreIgnored(string header) => Assert.Null(ByteRange.Parse(header, 10));

    [Fact]
    public void RangeBeyondTheObject_IsInvalidRange() =>
        Assert.Equal("InvalidRange", Assert.Throws<AwsServiceException>(() => ByteRange.Parse("bytes=10-", 10)).ErrorCode);

    [Theory]
    [InlineData("CRC32", "y/Q5Jg==")] // the catalogue check values of "123456789"
    [InlineData("CRC32C", "4waSgw==")]
    [InlineData("CRC64NVME", "rosUhgp5mIg=")]
    [InlineData("SHA256", "FeKw08M4keuw8e9gnsQZQgwg4yDOlMZfvIwzEkSOsiU=")]
    public void Checksums_MatchKnownValues(string algorithm, string expected)
    {
        using var calculator = ChecksumCalculator.Create(algorithm)!;
        calculator.Append("123456789"u8);
        Assert.Equal(expected, calculator.GetBase64());
    }
}
