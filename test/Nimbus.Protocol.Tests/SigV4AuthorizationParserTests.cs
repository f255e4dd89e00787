using Nimbus.Protocol.SigV4;

namespace Nimbus.Protocol.Tests;

public sealed class SigV4AuthorizationParserTests
{
    private const string Signature = "fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024";

    [Fact]
    public void Parse_WellFormedHeader_ReturnsCredentialScope()
    {
        var result = SigV4AuthorizationParser.Parse(
            $"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261127/eu-west-1/lambda/aws4_request, SignedHeaders=host;x-amz-date, Signature={Signature}",
            hasDateHeader: true);

        Assert.Null(result.Error);
        var credential = Assert.IsType<SigV4Credential>(result.Credential);
        Assert.Equal("AKIDEXAMPLE", credential.AccessKeyId);
        Assert.Equal("eu-west-1", credential.Region);
        Assert.Equal("lambda", credential.Service);
        Assert.Equal(["host", "x-amz-date"], credential.SignedHeaders);
    }

    [Fact]
    public void Parse_WithoutSpacesAfterCommas_IsAccepted()
    {
        var result = SigV4AuthorizationParser.Parse(
            $"AWS4-HMAC-SHA256 Credential=AK/20261127/us-east-1/logs/aws4_request,SignedHeaders=host,Signature={Signature}",
            hasDateHeader: true);

        Assert.Equal("logs", result.Credential?.Service);
    }

    [Fact]
    public void Parse_MissingParts_NamesEveryMissingPartAsAwsDoes()
    {
        var result = SigV4AuthorizationParser.Parse("AWS4-HMAC-SHA256 Credential=AK/20261127/us-east-1/lambda/aws4_request", hasDateHeader: false);

        Assert.Null(result.Credential);
        Assert.Contains("Authorization header requires 'Signature' parameter.", result.Error);
        Assert.Contains("Authorization header requires 'SignedHeaders' parameter.", result.Error);
        Assert.Contains("requires existence of either a 'X-Amz-Date' or a 'Date' header", result.Error);
        Assert.False(result.SignatureMismatch);
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz", "Unsupported Authorization Type")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AK/2026/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=" + Signature, "ISO-8601")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AK/20261127/us-east-1/lambda, SignedHeaders=host, Signature=" + Signature, "valid region")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AK/20261127/us-east-1/lambda/aws5_request, SignedHeaders=host, Signature=" + Signature, "terminator")]
    public void Parse_MalformedHeader_IsRejected(string header, string expectedMessagePart)
    {
        var result = SigV4AuthorizationParser.Parse(header, hasDateHeader: true);

        Assert.Null(result.Credential);
        Assert.Contains(expectedMessagePart, result.Error);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("FE5F80F77D5FA3BECA038A248FF027D0445342FE2855DDC963176630326F1024")]
    [InlineData("zz5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024")]
    public void Parse_SignatureNotSixtyFourLowerHexDigits_IsASignatureMismatch(string signature)
    {
        var result = SigV4AuthorizationParser.Parse(
            $"AWS4-HMAC-SHA256 Credential=AK/20261127/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature={signature}",
            hasDateHeader: true);

        Assert.True(result.SignatureMismatch);
        Assert.Contains("does not match", result.Error);
    }

    [Fact]
    public void Parse_RandomHeaders_NeverThrow()
    {
        // Property: whatever arrives in the header, the parser answers with a credential or an error, never an exception.
        var random = new Random(20261127);
        const string alphabet = "AWS4-HMAC-SHA256 Credential=/,;=SignedHeaders Signature abcdef0123456789";
        for (var i = 0; i < 5000; i++)
        {
            var chars = new char[random.Next(0, 160)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = alphabet[random.Next(alphabet.Length)];
            }
            var header = (random.Next(2) == 0 ? "AWS4-HMAC-SHA256 " : "") + new string(chars);
            var result = SigV4AuthorizationParser.Parse(header, hasDateHeader: random.Next(2) == 0);
            Assert.True(result.Credential is not null ^ result.Error is not null);
        }
    }
}
