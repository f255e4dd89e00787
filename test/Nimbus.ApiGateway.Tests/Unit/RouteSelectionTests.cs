using Nimbus.ApiGateway.Model;
using Nimbus.ApiGateway.Runtime;

namespace Nimbus.ApiGateway.Tests.Unit;

/// <summary>AWS's route selection for HTTP APIs ("Working with routes for HTTP APIs"): most specific match first.</summary>
public sealed class RouteSelectionTests
{
    private static CompiledDeployment Deployment(params string[] keys) => new(new DeploymentSnapshot
    {
        Routes = [.. keys.Select((k, i) => new ApiRoute { RouteId = "r" + i, RouteKey = k })],
    });

    private static string? Select(CompiledDeployment deployment, string method, string path, out Dictionary<string, string> parameters) =>
        deployment.Match(method, path, out parameters)?.RouteKey;

    [Fact]
    public void AwsDocumentedExample_PicksTheMostSpecificRoute()
    {
        // The example of the AWS guide: GET /pets/dog/1, GET /pets/dog/{id}, GET /pets/{proxy+}, ANY /{proxy+}, $default.
        var deployment = Deployment("$default", "ANY /{proxy+}", "GET /pets/{proxy+}", "GET /pets/dog/{id}", "GET /pets/dog/1");

        Assert.Equal("GET /pets/dog/1", Select(deployment, "GET", "/pets/dog/1", out _));
        Assert.Equal("GET /pets/dog/{id}", Select(deployment, "GET", "/pets/dog/2", out var p1));
        Assert.Equal("2", p1["id"]);
        Assert.Equal("GET /pets/{proxy+}", Select(deployment, "GET", "/pets/cat/1", out var p2));
        Assert.Equal("cat/1", p2["proxy"]);
        Assert.Equal("ANY /{proxy+}", Select(deployment, "POST", "/pets/cat/1", out _));
        Assert.Equal("ANY /{proxy+}", Select(deployment, "GET", "/test", out _));
    }

    [Fact]
    public void NothingMatches_FallsBackToDefaultRoute_OrNull()
    {
        Assert.Equal("$default", Select(Deployment("GET /a", "$default"), "GET", "/b", out _));
        Assert.Null(Select(Deployment("GET /a"), "GET", "/b", out _));
        Assert.Null(Select(Deployment("GET /a"), "POST", "/a", out _));
    }

    [Fact]
    public void NamedMethod_BeatsAny_ForTheSamePath()
    {
        var deployment = Deployment("ANY /items/{id}", "GET /items/{id}");

        Assert.Equal("GET /items/{id}", Select(deployment, "GET", "/items/7", out _));
        Assert.Equal("ANY /items/{id}", Select(deployment, "DELETE", "/items/7", out _));
    }

    [Fact]
    public void GreedyVariable_NeedsAtLeastOneSegment_AndLongerPrefixWins()
    {
        var deployment = Deployment("GET /files/{proxy+}", "GET /files/images/{proxy+}");

        Assert.Null(Select(deployment, "GET", "/files", out _));
        Assert.Equal("GET /files/images/{proxy+}", Select(deployment, "GET", "/files/images/a/b.png", out var parameters));
        Assert.Equal("a/b.png", parameters["proxy"]);
        Assert.Equal("GET /files/{proxy+}", Select(deployment, "GET", "/files/docs/readme", out _));
    }

    [Fact]
    public void LiteralSegment_BeatsVariable_AtTheFirstDifference()
    {
        var deployment = Deployment("GET /{kind}/list", "GET /users/{id}");

        Assert.Equal("GET /users/{id}", Select(deployment, "GET", "/users/list", out _));
        Assert.Equal("GET /{kind}/list", Select(deployment, "GET", "/groups/list", out _));
    }

    [Fact]
    public void Paths_AreCaseSensitive()
    {
        Assert.Null(Select(Deployment("GET /Items"), "GET", "/items", out _));
    }
}
