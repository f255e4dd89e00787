using Nimbus.CloudWatch.Logs;

namespace Nimbus.CloudWatch.Tests.Service;

/// <summary>JSON, space-delimited and regex filter patterns (CloudWatch Logs "Filter pattern syntax").</summary>
public sealed class StructuredPatternTests
{
    private const string Json = """{"level": "ERROR", "ms": 150, "user": {"id": 7, "name": "ana"}, "tags": ["a", "b"], "ok": false, "gone": null}""";

    [Theory]
    [InlineData("""{ $.level = "ERROR" && $.ms > 100 }""", true)]
    [InlineData("""{ $.level = "ERROR" && $.ms > 200 }""", false)]
    [InlineData("""{ $.level = "WARN" || $.ms >= 150 }""", true)]
    [InlineData("""{ $.level != "ERROR" }""", false)]
    [InlineData("""{ $.level = ERR* }""", true)]
    [InlineData("""{ $.user.id = 7 }""", true)]
    [InlineData("""{ $.user.name = "ana" && ($.ms < 10 || $.tags[1] = "b") }""", true)]
    [InlineData("""{ $.tags[2] = "c" }""", false)]
    [InlineData("""{ $.ok IS FALSE }""", true)]
    [InlineData("""{ $.gone IS NULL }""", true)]
    [InlineData("""{ $.missing NOT EXISTS }""", true)]
    [InlineData("""{ $.level NOT EXISTS }""", false)]
    [InlineData("""{ $.ms = 150.0 }""", true)]
    public void JsonPatterns_SelectMembersAndCompare(string pattern, bool matches)
    {
        Assert.Equal(matches, FilterPatternParser.Parse(pattern).Matches(Json));
    }

    [Fact]
    public void JsonPatterns_NeverMatchPlainText()
    {
        Assert.False(FilterPatternParser.Parse("""{ $.level = "ERROR" }""").Matches("ERROR level"));
        Assert.False(FilterPatternParser.Parse("""{ $.level = "ERROR" }""").Matches("{not json"));
    }

    [Theory]
    [InlineData("[ip, user, username, timestamp, request, status_code, bytes]", true)]
    [InlineData("[ip, user, ...]", true)]
    [InlineData("[ip, user]", false)]
    [InlineData("[..., status_code = 5*, bytes]", true)]
    [InlineData("[..., status_code = 4*, bytes]", false)]
    [InlineData("[ip, ..., bytes > 1000]", true)]
    [InlineData("[ip, ..., bytes < 1000]", false)]
    [InlineData("[ip = 127.0.0.1, ...]", true)]
    [InlineData("[..., request = *index.html*, status_code, bytes]", true)]
    [InlineData("[..., status_code = 404 || status_code = 503, bytes]", true)]
    [InlineData("[..., status_code != 503, bytes]", false)]
    public void SpaceDelimitedPatterns_NameFieldsAndTestThem(string pattern, bool matches)
    {
        const string access = "127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] \"GET /index.html HTTP/1.0\" 503 1534";
        Assert.Equal(matches, FilterPatternParser.Parse(pattern).Matches(access));
    }

    [Theory]
    [InlineData("%ERROR [0-9]+%", "ERROR 42 happened", true)]
    [InlineData("%ERROR [0-9]+%", "ERROR x", false)]
    public void RegexPatterns_MatchAnywhere(string pattern, string message, bool matches)
    {
        Assert.Equal(matches, FilterPatternParser.Parse(pattern).Matches(message));
    }
}
