using Nimbus.CloudWatch.Logs;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Tests.Service;

public sealed class FilterPatternParserTests
{
    [Theory]
    [InlineData("ERROR", "an ERROR here", true)]
    [InlineData("ERROR", "an error here", false)]
    [InlineData("ERROR timeout", "timeout after ERROR", true)]
    [InlineData("ERROR timeout", "ERROR only", false)]
    [InlineData("\"Task timed out\"", "Task timed out after 3.00 seconds", true)]
    [InlineData("\"Task timed out\"", "Task was timed out", false)]
    [InlineData("ERROR -retry", "ERROR then retry", false)]
    [InlineData("ERROR -retry", "ERROR final", true)]
    [InlineData("?ERROR ?WARN", "WARN disk", true)]
    [InlineData("?ERROR ?WARN", "INFO disk", false)]
    [InlineData("", "anything", true)]
    [InlineData("  ", "anything", true)]
    public void Parse_TermPatterns_MatchAsCloudWatchDoes(string pattern, string message, bool matches)
    {
        Assert.Equal(matches, FilterPatternParser.Parse(pattern).Matches(message));
    }

    [Theory]
    [InlineData("{ $.level = \"ERROR\"")]
    [InlineData("{ $.ms > fast }")]
    [InlineData("{ $.level }")]
    [InlineData("{ ($.a = 1 }")]
    [InlineData("[ip, user")]
    [InlineData("[ip, = 5]")]
    [InlineData("%[unclosed%")]
    [InlineData("\"unterminated")]
    public void Parse_MalformedPatterns_ThrowInvalidParameter(string pattern)
    {
        var error = Assert.Throws<AwsServiceException>(() => FilterPatternParser.Parse(pattern));

        Assert.Equal("InvalidParameterException", error.ErrorCode);
    }
}
