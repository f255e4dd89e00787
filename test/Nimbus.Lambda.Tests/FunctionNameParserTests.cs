using Nimbus.Core;
using Nimbus.Lambda.Service;

namespace Nimbus.Lambda.Tests;

public sealed class FunctionNameParserTests
{
    [Theory]
    [InlineData("my-function", "my-function", null)]
    [InlineData("my_function:live", "my_function", "live")]
    [InlineData("my-function:$LATEST", "my-function", "$LATEST")]
    [InlineData("123456789012:function:my-function", "my-function", null)]
    [InlineData("123456789012:function:my-function:7", "my-function", "7")]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:my-function", "my-function", null)]
    [InlineData("arn:aws:lambda:eu-west-1:123456789012:function:my-function:prod", "my-function", "prod")]
    public void Parse_AcceptsNamesAndArns(string value, string name, string? qualifier)
    {
        var parsed = FunctionNameParser.Parse(value, null);
        Assert.Equal(name, parsed.Name);
        Assert.Equal(qualifier, parsed.Qualifier);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("arn:aws:s3:::bucket")]
    [InlineData("name:qual:extra")]
    public void Parse_RejectsInvalidValues_WithValidationException(string value)
    {
        var error = Assert.Throws<AwsServiceException>(() => FunctionNameParser.Parse(value, null));
        Assert.Equal("ValidationException", error.ErrorCode);
        Assert.StartsWith("1 validation error detected: Value '" + value + "' at 'functionName'", error.Message);
    }

    [Fact]
    public void Parse_NameLongerThan64_IsRejectedEvenThoughTheArnLimitIs140()
    {
        var error = Assert.Throws<AwsServiceException>(() => FunctionNameParser.Parse(new string('a', 65), null));
        Assert.Contains("Member must have length less than or equal to 64", error.Message);
    }

    [Fact]
    public void Parse_ExplicitQualifierMustMatchTheOneInTheName()
    {
        Assert.Equal("live", FunctionNameParser.Parse("f:live", "live").Qualifier);
        var error = Assert.Throws<AwsServiceException>(() => FunctionNameParser.Parse("f:live", "3"));
        Assert.Equal("InvalidParameterValueException", error.ErrorCode);
        Assert.Equal("The derived qualifier from the function name does not match the specified qualifier.", error.Message);
    }

    [Fact]
    public void Parse_WhereQualifierNotAllowed_RejectsQualifiedName()
    {
        var error = Assert.Throws<AwsServiceException>(() => FunctionNameParser.Parse("f:live", null, allowQualifier: false));
        Assert.Equal("ValidationException", error.ErrorCode);
    }
}
