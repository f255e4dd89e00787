using Nimbus.Protocol.Rest;

namespace Nimbus.Protocol.Tests;

public sealed class RestRouteTableTests
{
    private readonly RestRouteTable<string> _routes = new RestRouteTable<string>()
        .Add("GET", "/2015-03-31/functions/", "ListFunctions")
        .Add("GET", "/2015-03-31/functions/{FunctionName}", "GetFunction")
        .Add("POST", "/2015-03-31/functions/{FunctionName}/invocations", "Invoke")
        .Add("GET", "/2015-03-31/functions/{FunctionName}/aliases/{Name}", "GetAlias")
        .Add("GET", "/2015-03-31/functions/{FunctionName}/aliases", "ListAliases")
        .Add("GET", "/2017-03-31/tags/{Resource}", "ListTags")
        .Add("GET", "/{Bucket}/{Key+}", "GetObject");

    [Fact]
    public void Match_DecodesLabelsAfterMatchingOnTheRawPath()
    {
        var handler = _routes.Match("POST", "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Af/invocations?Qualifier=1", out var labels, out _);

        Assert.Equal("Invoke", handler);
        Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:f", labels["FunctionName"]);
    }

    [Fact]
    public void Match_PrefersTheTemplateWithMoreLiteralSegments()
    {
        Assert.Equal("ListAliases", _routes.Match("GET", "/2015-03-31/functions/f/aliases", out _, out _));
        Assert.Equal("GetAlias", _routes.Match("GET", "/2015-03-31/functions/f/aliases/live", out var labels, out _));
        Assert.Equal("live", labels["Name"]);
    }

    [Fact]
    public void Match_EncodedSlashStaysInsideItsLabel()
    {
        var handler = _routes.Match("GET", "/2017-03-31/tags/a%2Fb", out var labels, out _);

        Assert.Equal("ListTags", handler);
        Assert.Equal("a/b", labels["Resource"]);
    }

    [Fact]
    public void Match_GreedyLabelTakesTheRestOfThePath()
    {
        var handler = _routes.Match("GET", "/bucket/photos/2026/cat.jpg", out var labels, out _);

        Assert.Equal("GetObject", handler);
        Assert.Equal("photos/2026/cat.jpg", labels["Key"]);
    }

    [Fact]
    public void Match_KnownPathWithOtherMethod_ReportsThatThePathExists()
    {
        var handler = _routes.Match("DELETE", "/2015-03-31/functions/f/invocations", out _, out var pathExists);

        Assert.Null(handler);
        Assert.True(pathExists);
    }

    [Fact]
    public void Match_UnknownPath_ReportsNothing()
    {
        var handler = _routes.Match("GET", "/", out _, out var pathExists);

        Assert.Null(handler);
        Assert.False(pathExists);
    }
}
