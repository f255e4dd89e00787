using System.Text.Json;
using Nimbus.Core.Patterns;

namespace Nimbus.EventBridge.Tests;

/// <summary>Every operator of the event-pattern language, with an event that matches and one that does not, and AWS's reasons for bad patterns.</summary>
public sealed class EventPatternTests
{
    private const string Event = """
        {"version":"0","id":"e1","detail-type":"Order Placed","source":"com.shop","account":"000000000000","time":"2024-05-01T10:00:00Z",
         "region":"us-east-1","resources":["arn:aws:s3:::bucket/one"],
         "detail":{"state":"running","count":7,"price":12.5,"flag":true,"nothing":null,"ip":"10.0.3.17","ip6":"2001:db8::7",
                   "file":"photos/cat.PNG","tags":["red","blue"],"items":[{"sku":"a-1","qty":2},{"sku":"b-2","qty":0}],
                   "owner":{"name":"Ann","team":"core"}}}
        """;

    [Theory]
    // exact values: strings, numbers (5 = 5.0), booleans, null; arrays in the event match when any element does
    [InlineData("""{"source":["com.shop"]}""", true)]
    [InlineData("""{"source":["com.other","com.shop"]}""", true)]
    [InlineData("""{"source":["com.Shop"]}""", false)]
    [InlineData("""{"detail":{"count":[7.0]}}""", true)]
    [InlineData("""{"detail":{"count":["7"]}}""", false)]
    [InlineData("""{"detail":{"flag":[true]}}""", true)]
    [InlineData("""{"detail":{"flag":[false]}}""", false)]
    [InlineData("""{"detail":{"nothing":[null]}}""", true)]
    [InlineData("""{"detail":{"tags":["blue"]}}""", true)]
    [InlineData("""{"detail":{"tags":["green"]}}""", false)]
    [InlineData("""{"detail":{"items":{"sku":["b-2"]}}}""", true)]
    [InlineData("""{"detail":{"items":{"sku":["c-3"]}}}""", false)]
    [InlineData("""{"detail":{"owner":{"team":["core"]}}}""", true)]
    [InlineData("""{"detail":{"owner":{"team":["edge"]}}}""", false)]
    [InlineData("""{"detail":{"missing":["x"]}}""", false)]
    // prefix / suffix, plain and equals-ignore-case
    [InlineData("""{"detail-type":[{"prefix":"Order"}]}""", true)]
    [InlineData("""{"detail-type":[{"prefix":"order"}]}""", false)]
    [InlineData("""{"detail-type":[{"prefix":{"equals-ignore-case":"order"}}]}""", true)]
    [InlineData("""{"detail":{"file":[{"suffix":".PNG"}]}}""", true)]
    [InlineData("""{"detail":{"file":[{"suffix":".png"}]}}""", false)]
    [InlineData("""{"detail":{"file":[{"suffix":{"equals-ignore-case":".png"}}]}}""", true)]
    // anything-but: value, list, numbers, prefix, suffix, equals-ignore-case, wildcard
    [InlineData("""{"detail":{"state":[{"anything-but":"stopped"}]}}""", true)]
    [InlineData("""{"detail":{"state":[{"anything-but":"running"}]}}""", false)]
    [InlineData("""{"detail":{"state":[{"anything-but":["stopped","running"]}]}}""", false)]
    [InlineData("""{"detail":{"count":[{"anything-but":[1,2,3]}]}}""", true)]
    [InlineData("""{"detail":{"count":[{"anything-but":7}]}}""", false)]
    [InlineData("""{"detail":{"state":[{"anything-but":{"prefix":"run"}}]}}""", false)]
    [InlineData("""{"detail":{"state":[{"anything-but":{"prefix":"stop"}}]}}""", true)]
    [InlineData("""{"detail":{"file":[{"anything-but":{"suffix":".PNG"}}]}}""", false)]
    [InlineData("""{"detail":{"file":[{"anything-but":{"suffix":[".jpg",".gif"]}}]}}""", true)]
    [InlineData("""{"detail":{"state":[{"anything-but":{"equals-ignore-case":["RUNNING"]}}]}}""", false)]
    [InlineData("""{"detail":{"state":[{"anything-but":{"wildcard":"r*g"}}]}}""", false)]
    [InlineData("""{"detail":{"missing":[{"anything-but":"x"}]}}""", false)]
    // numeric ranges
    [InlineData("""{"detail":{"count":[{"numeric":[">",0,"<=",7]}]}}""", true)]
    [InlineData("""{"detail":{"count":[{"numeric":[">",0,"<",7]}]}}""", false)]
    [InlineData("""{"detail":{"price":[{"numeric":["=",12.5]}]}}""", true)]
    [InlineData("""{"detail":{"price":[{"numeric":[">=",13]}]}}""", false)]
    [InlineData("""{"detail":{"state":[{"numeric":[">",0]}]}}""", false)]
    // exists
    [InlineData("""{"detail":{"state":[{"exists":true}]}}""", true)]
    [InlineData("""{"detail":{"missing":[{"exists":true}]}}""", false)]
    [InlineData("""{"detail":{"missing":[{"exists":false}]}}""", true)]
    [InlineData("""{"detail":{"state":[{"exists":false}]}}""", false)]
    // equals-ignore-case, wildcard, cidr
    [InlineData("""{"detail":{"state":[{"equals-ignore-case":"RUNNING"}]}}""", true)]
    [InlineData("""{"detail":{"state":[{"equals-ignore-case":"STOPPED"}]}}""", false)]
    [InlineData("""{"detail":{"file":[{"wildcard":"photos/*.PNG"}]}}""", true)]
    [InlineData("""{"detail":{"file":[{"wildcard":"videos/*"}]}}""", false)]
    [InlineData("""{"detail":{"ip":[{"cidr":"10.0.0.0/16"}]}}""", true)]
    [InlineData("""{"detail":{"ip":[{"cidr":"10.1.0.0/16"}]}}""", false)]
    [InlineData("""{"detail":{"ip6":[{"cidr":"2001:db8::/32"}]}}""", true)]
    // $or, at the top and nested; every field must match (AND)
    [InlineData("""{"source":["com.shop"],"$or":[{"detail":{"count":[1]}},{"detail":{"state":["running"]}}]}""", true)]
    [InlineData("""{"source":["com.shop"],"$or":[{"detail":{"count":[1]}},{"detail":{"state":["stopped"]}}]}""", false)]
    [InlineData("""{"detail":{"$or":[{"count":[{"numeric":[">",100]}]},{"owner":{"name":["Ann"]}}]}}""", true)]
    [InlineData("""{"source":["com.shop"],"detail":{"state":["stopped"]}}""", false)]
    public void Matches(string pattern, bool expected)
    {
        using var document = JsonDocument.Parse(Event);
        Assert.Equal(expected, EventPattern.Parse(pattern).Matches(document.RootElement));
    }

    [Theory]
    [InlineData("""["source"]""", "Filter is not an object")]
    [InlineData("""{"source":"aws.ec2"}""", "\"source\" must be an object or an array")]
    [InlineData("""{"source":[]}""", "Empty arrays are not allowed")]
    [InlineData("""{"detail":{}}""", "Empty objects are not allowed")]
    [InlineData("""{"source":[{"foo":"x"}]}""", "Unrecognized match type foo")]
    [InlineData("""{"source":[{"prefix":1}]}""", "prefix match pattern must be a string")]
    [InlineData("""{"source":[{"prefix":"a","suffix":"b"}]}""", "Only one key allowed in match expression")]
    [InlineData("""{"source":[["nested"]]}""", "Match value must be String, number, true, false, or null")]
    [InlineData("""{"n":[{"numeric":[">"]}]}""", "Value of > must be numeric")]
    [InlineData("""{"n":[{"numeric":["!",1]}]}""", "Unrecognized numeric range operator: !")]
    [InlineData("""{"n":[{"numeric":[">",5,"<",1]}]}""", "Bottom must be less than top")]
    [InlineData("""{"n":[{"exists":"yes"}]}""", "exists match pattern must be either true or false.")]
    [InlineData("""{"n":[{"anything-but":["a",1]}]}""", "Inside anything but list, either all values are number or string, mixed type is not supported")]
    [InlineData("""{"n":[{"anything-but":{"contains":"a"}}]}""", "Unsupported anything-but pattern: contains")]
    [InlineData("""{"n":[{"wildcard":"a**b"}]}""", "Consecutive wildcard characters at pos 2")]
    [InlineData("""{"$or":[{"a":["1"]}]}""", "There must have at least 2 Objects in $or relationship.")]
    public void Parse_RejectsWithAwsReason(string pattern, string reason)
    {
        var error = Assert.Throws<EventPatternException>(() => EventPattern.Parse(pattern));
        Assert.Equal(reason, error.Message);
    }
}
