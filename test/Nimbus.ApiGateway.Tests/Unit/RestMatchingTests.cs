using Nimbus.ApiGateway.RestApis.Model;
using Nimbus.ApiGateway.RestApis.Runtime;
using Nimbus.ApiGateway.RestApis.Service;

namespace Nimbus.ApiGateway.Tests.Unit;

/// <summary>REST API resource matching (literal, then parameter, then greedy, with backtracking on the method) and quota periods.</summary>
public sealed class RestMatchingTests
{
    private static readonly CompiledRestDeployment Deployment = new(new RestSnapshot
    {
        Resources =
        [
            Resource("root", null, null, "/"),
            Resource("items", "root", "items", "/items", "GET"),
            Resource("special", "items", "special", "/items/special", "GET"),
            Resource("item", "items", "{id}", "/items/{id}", "GET"),
            Resource("child", "item", "parts", "/items/{id}/parts", "POST"),
            Resource("proxy", "root", "{proxy+}", "/{proxy+}", "ANY"),
        ],
    });

    private static RestResource Resource(string id, string? parent, string? part, string path, params string[] methods) => new()
    {
        Id = id,
        ParentId = parent,
        PathPart = part,
        Path = path,
        ResourceMethods = methods.ToDictionary(m => m, m => new RestMethod { HttpMethod = m }),
    };

    [Theory]
    [InlineData("GET", "/items", "items", "")]
    [InlineData("GET", "/items/special", "special", "")]
    [InlineData("GET", "/items/7", "item", "id=7")]
    [InlineData("POST", "/items/7/parts", "child", "id=7")]
    [InlineData("POST", "/items/special/parts", "child", "id=special")]
    [InlineData("DELETE", "/items/7", "proxy", "proxy=items/7")]
    [InlineData("GET", "/a/b%2Fc/d", "proxy", "proxy=a/b/c/d")]
    public void Match_FollowsAwsPrecedence(string method, string path, string resource, string parameters)
    {
        var found = new Dictionary<string, string>();

        var match = Deployment.Match(method, path, found);

        Assert.NotNull(match);
        Assert.Equal(resource, match.Value.Resource.Id);
        Assert.Equal(parameters, string.Join("&", found.Select(p => p.Key + "=" + p.Value)));
    }

    [Fact]
    public void Match_RootWithoutMethod_IsNull() => Assert.Null(Deployment.Match("GET", "/", []));

    [Theory]
    [InlineData("DAY", 0, "2026-11-27", "2026-11-27")]
    [InlineData("WEEK", 0, "2026-11-27", "2026-11-22")]
    [InlineData("WEEK", 5, "2026-11-27", "2026-11-27")]
    [InlineData("WEEK", 6, "2026-11-27", "2026-11-21")]
    [InlineData("MONTH", 0, "2026-11-27", "2026-11-01")]
    [InlineData("MONTH", 27, "2026-11-27", "2026-10-28")]
    public void QuotaPeriod_StartsAsAwsDefines(string period, int offset, string day, string start) =>
        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture),
            QuotaPeriods.Start(new QuotaSettings { Period = period, Offset = offset, Limit = 1 }, DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
}
