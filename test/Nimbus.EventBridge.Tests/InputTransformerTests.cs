using System.Text.Json;
using Nimbus.EventBridge.Transform;

namespace Nimbus.EventBridge.Tests;

/// <summary>InputPath and InputTransformer, with AWS's quoting rules for values inside and outside JSON strings.</summary>
public sealed class InputTransformerTests
{
    private const string Event = """
        {"id":"e1","source":"com.shop","time":"2024-05-01T10:00:00Z","resources":["r1","r2"],
         "detail":{"instance":"i-123","state":"running","count":3,"tags":{"a":"b"},"quote":"say \"hi\""}}
        """;

    private static readonly TransformContext Context = new("arn:aws:events:us-east-1:000000000000:rule/r", "r", DateTimeOffset.Parse("2024-05-01T10:00:01Z"));

    [Theory]
    // outside a string: JSON values as they are (strings keep their quotes)
    [InlineData("""{"instance": <instance>, "n": <count>, "tags": <tags>}""", """{"instance": "i-123", "n": 3, "tags": {"a":"b"}}""")]
    // inside a string: the string's characters, escaped for the string
    [InlineData("""{"message": "<instance> is <state>", "q": "<quote>"}""", """{"message": "i-123 is running", "q": "say \"hi\""}""")]
    // a plain quoted string template
    [InlineData("\"<instance> is in state <state>\"", "\"i-123 is in state running\"")]
    // a path that selects nothing: null outside strings, empty inside
    [InlineData("""{"m": <missing>, "s": "x<missing>y"}""", """{"m": null, "s": "xy"}""")]
    // array indexes and predefined variables
    [InlineData("""{"first": <first>, "rule": <aws.events.rule-name>, "arn": "<aws.events.rule-arn>"}""",
        """{"first": "r1", "rule": "r", "arn": "arn:aws:events:us-east-1:000000000000:rule/r"}""")]
    // text that is not a known placeholder stays as it is
    [InlineData("""{"html": "<b>bold</b>"}""", """{"html": "<b>bold</b>"}""")]
    public void Apply_FollowsAwsQuotingRules(string template, string expected)
    {
        var paths = new Dictionary<string, string>
        {
            ["instance"] = "$.detail.instance", ["state"] = "$.detail.state", ["count"] = "$.detail.count",
            ["tags"] = "$.detail.tags", ["quote"] = "$.detail.quote", ["missing"] = "$.detail.nope", ["first"] = "$.resources[0]",
        };
        using var document = JsonDocument.Parse(Event);
        Assert.Equal(expected, InputTransformer.Apply(template, paths, document.RootElement, Context));
    }

    [Theory]
    [InlineData("$.detail.state", "\"running\"")]
    [InlineData("$.detail", """{"instance":"i-123","state":"running","count":3,"tags":{"a":"b"},"quote":"say \u0022hi\u0022"}""")]
    [InlineData("$['source']", "\"com.shop\"")]
    [InlineData("$.resources[1]", "\"r2\"")]
    public void InputPath_SelectsPartOfEvent(string path, string expected)
    {
        using var document = JsonDocument.Parse(Event);
        var selected = JsonPathSelector.Select(document.RootElement, path);
        Assert.NotNull(selected);
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(expected), System.Text.Json.Nodes.JsonNode.Parse(JsonPathSelector.Compact(selected.Value))),
            JsonPathSelector.Compact(selected.Value));
    }

    [Theory]
    [InlineData("detail.state")]
    [InlineData("$.detail..state")]
    [InlineData("$[abc]")]
    public void InputPath_RejectsWhatIsNotAPath(string path) => Assert.Null(JsonPathSelector.Parse(path));
}
