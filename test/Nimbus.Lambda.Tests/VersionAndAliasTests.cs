using System.Net;
using System.Text.Json.Nodes;
using Nimbus.Lambda.Tests.Infrastructure;

namespace Nimbus.Lambda.Tests;

public sealed class VersionAndAliasTests : IAsyncLifetime
{
    private LambdaTestHost _host = null!;

    public async Task InitializeAsync() => _host = await LambdaTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<string> PublishAsync(string name)
    {
        var (status, body, _) = await _host.CallAsync(HttpMethod.Post, $"/2015-03-31/functions/{name}/versions", "{}");
        Assert.Equal(HttpStatusCode.Created, status);
        return body!["Version"]!.GetValue<string>();
    }

    private async Task UpdateCodeAsync(string name, string marker)
    {
        var zip = TestZips.Python($"def handler(e, c):\n    return '{marker}'\n");
        await _host.CallAsync(HttpMethod.Put, $"/2015-03-31/functions/{name}/code", new JsonObject { ["ZipFile"] = Convert.ToBase64String(zip) });
        await _host.WaitSettledAsync(name);
    }

    [Fact]
    public async Task PublishVersion_UnchangedCode_ReturnsExistingVersion()
    {
        await _host.CreateFunctionAsync("pub");
        Assert.Equal("1", await PublishAsync("pub"));
        Assert.Equal("1", await PublishAsync("pub"));
        await UpdateCodeAsync("pub", "v2");
        Assert.Equal("2", await PublishAsync("pub"));
    }

    [Fact]
    public async Task PublishVersion_WithMismatchedCodeSha_IsRejected()
    {
        await _host.CreateFunctionAsync("sha");
        var result = await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/sha/versions", "{\"CodeSha256\": \"abc\"}");
        ResponseAssert.Error(result, HttpStatusCode.BadRequest, "InvalidParameterValueException");
    }

    [Fact]
    public async Task ListVersionsByFunction_ListsLatestThenVersions()
    {
        await _host.CreateFunctionAsync("lvf");
        await PublishAsync("lvf");
        var (_, body, _) = await _host.CallAsync(HttpMethod.Get, "/2015-03-31/functions/lvf/versions");
        var versions = body!["Versions"]!.AsArray();
        Assert.Equal("$LATEST", versions[0]!["Version"]!.GetValue<string>());
        Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:lvf:$LATEST", versions[0]!["FunctionArn"]!.GetValue<string>());
        Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:lvf:1", versions[1]!["FunctionArn"]!.GetValue<string>());
    }

    [Fact]
    public async Task Alias_CreateGetUpdateListDelete()
    {
        await _host.CreateFunctionAsync("al");
        await PublishAsync("al");
        var (created, alias, _) = await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/al/aliases",
            "{\"Name\": \"live\", \"FunctionVersion\": \"1\", \"Description\": \"prod\"}");
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:al:live", alias!["AliasArn"]!.GetValue<string>());

        var (_, got, _) = await _host.CallAsync(HttpMethod.Get, "/2015-03-31/functions/al/aliases/live");
        Assert.Equal("1", got!["FunctionVersion"]!.GetValue<string>());

        var stale = await _host.CallAsync(HttpMethod.Put, "/2015-03-31/functions/al/aliases/live", "{\"Description\": \"x\", \"RevisionId\": \"nope\"}");
        ResponseAssert.Error(stale, HttpStatusCode.PreconditionFailed, "PreconditionFailedException");

        var (updated, body, _) = await _host.CallAsync(HttpMethod.Put, "/2015-03-31/functions/al/aliases/live",
            new JsonObject { ["Description"] = "new", ["RevisionId"] = got["RevisionId"]!.GetValue<string>() });
        Assert.Equal(HttpStatusCode.OK, updated);
        Assert.Equal("new", body!["Description"]!.GetValue<string>());

        var (_, list, _) = await _host.CallAsync(HttpMethod.Get, "/2015-03-31/functions/al/aliases");
        Assert.Single(list!["Aliases"]!.AsArray());

        var (deleted, _, _) = await _host.CallAsync(HttpMethod.Delete, "/2015-03-31/functions/al/aliases/live");
        Assert.Equal(HttpStatusCode.NoContent, deleted);
        var missing = await _host.CallAsync(HttpMethod.Get, "/2015-03-31/functions/al/aliases/live");
        ResponseAssert.Error(missing, HttpStatusCode.NotFound, "ResourceNotFoundException",
            "Cannot find alias arn: arn:aws:lambda:us-east-1:000000000000:function:al:live");
    }

    [Fact]
    public async Task CreateAlias_ForMissingVersion_ReturnsNotFound()
    {
        await _host.CreateFunctionAsync("alv");
        var result = await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/alv/aliases", "{\"Name\": \"x\", \"FunctionVersion\": \"7\"}");
        ResponseAssert.Error(result, HttpStatusCode.NotFound, "ResourceNotFoundException");
    }

    [Fact]
    public async Task CreateAlias_Twice_ReturnsConflict()
    {
        await _host.CreateFunctionAsync("ald");
        await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/ald/aliases", "{\"Name\": \"x\", \"FunctionVersion\": \"$LATEST\"}");
        var result = await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/ald/aliases", "{\"Name\": \"x\", \"FunctionVersion\": \"$LATEST\"}");
        ResponseAssert.Error(result, HttpStatusCode.Conflict, "ResourceConflictException");
    }

    [Fact]
    public async Task CreateAlias_WithNumericName_ReturnsValidationException()
    {
        await _host.CreateFunctionAsync("aln");
        var result = await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/aln/aliases", "{\"Name\": \"123\", \"FunctionVersion\": \"$LATEST\"}");
        ResponseAssert.Error(result, HttpStatusCode.BadRequest, "ValidationException");
    }

    [Fact]
    public async Task DeleteFunction_VersionUsedByAlias_ReturnsConflict()
    {
        await _host.CreateFunctionAsync("inuse");
        await PublishAsync("inuse");
        await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/inuse/aliases", "{\"Name\": \"live\", \"FunctionVersion\": \"1\"}");
        var result = await _host.CallAsync(HttpMethod.Delete, "/2015-03-31/functions/inuse?Qualifier=1");
        ResponseAssert.Error(result, HttpStatusCode.Conflict, "ResourceConflictException");
    }

    [Fact]
    public async Task Invoke_ByAlias_RunsAliasVersionAndReportsIt()
    {
        await _host.CreateFunctionAsync("inv");
        await PublishAsync("inv");
        await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/inv/aliases", "{\"Name\": \"live\", \"FunctionVersion\": \"1\"}");
        await UpdateCodeAsync("inv", "v2");

        var (_, _, response) = await _host.InvokeAsync("inv", qualifier: "live");

        Assert.Equal("1", response.Headers.GetValues("X-Amz-Executed-Version").Single());
        var (spec, request) = _host.Engine.Calls.Single();
        Assert.Equal("1", spec.Version);
        Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:inv:live", request.InvokedFunctionArn);
    }

    [Fact]
    public async Task Invoke_ByWeightedAlias_SplitsBetweenTwoVersions()
    {
        await _host.CreateFunctionAsync("canary");
        await PublishAsync("canary");
        await UpdateCodeAsync("canary", "v2");
        await PublishAsync("canary");
        var (status, _, _) = await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/canary/aliases",
            "{\"Name\": \"live\", \"FunctionVersion\": \"1\", \"RoutingConfig\": {\"AdditionalVersionWeights\": {\"2\": 0.5}}}");
        Assert.Equal(HttpStatusCode.Created, status);

        var executed = new List<string>();
        for (var i = 0; i < 200; i++)
        {
            var (_, _, response) = await _host.InvokeAsync("canary", qualifier: "live");
            executed.Add(response.Headers.GetValues("X-Amz-Executed-Version").Single());
        }
        // 200 fair coin flips: both sides appear with overwhelming probability (1 - 2^-199).
        Assert.Contains("1", executed);
        Assert.Contains("2", executed);
        Assert.InRange(executed.Count(v => v == "2"), 50, 150);
    }

    [Fact]
    public async Task CreateAlias_WithWeightsOnLatest_IsRejected()
    {
        await _host.CreateFunctionAsync("wl");
        await PublishAsync("wl");
        var result = await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/wl/aliases",
            "{\"Name\": \"x\", \"FunctionVersion\": \"$LATEST\", \"RoutingConfig\": {\"AdditionalVersionWeights\": {\"1\": 0.5}}}");
        ResponseAssert.Error(result, HttpStatusCode.BadRequest, "InvalidParameterValueException");
    }

    [Fact]
    public async Task UpdateAlias_SetsThenClearsRouting_AndListAliasesFiltersByVersion()
    {
        await _host.CreateFunctionAsync("route");
        await PublishAsync("route");
        await UpdateCodeAsync("route", "v2");
        await PublishAsync("route");
        await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/route/aliases", "{\"Name\": \"a\", \"FunctionVersion\": \"1\"}");
        await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/route/aliases", "{\"Name\": \"b\", \"FunctionVersion\": \"2\"}");

        var (_, weighted, _) = await _host.CallAsync(HttpMethod.Put, "/2015-03-31/functions/route/aliases/a",
            "{\"RoutingConfig\": {\"AdditionalVersionWeights\": {\"2\": 0.1}}}");
        Assert.Equal(0.1, weighted!["RoutingConfig"]!["AdditionalVersionWeights"]!["2"]!.GetValue<double>());
        var (_, cleared, _) = await _host.CallAsync(HttpMethod.Put, "/2015-03-31/functions/route/aliases/a",
            "{\"RoutingConfig\": {\"AdditionalVersionWeights\": {}}}");
        Assert.Null(cleared!["RoutingConfig"]);

        var (_, list, _) = await _host.CallAsync(HttpMethod.Get, "/2015-03-31/functions/route/aliases?FunctionVersion=2");
        Assert.Equal("b", list!["Aliases"]!.AsArray().Single()!["Name"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpdateAlias_WithWeightAboveOne_ReturnsValidationException()
    {
        await _host.CreateFunctionAsync("heavy");
        await PublishAsync("heavy");
        await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/heavy/aliases", "{\"Name\": \"a\", \"FunctionVersion\": \"1\"}");
        var result = await _host.CallAsync(HttpMethod.Put, "/2015-03-31/functions/heavy/aliases/a",
            "{\"RoutingConfig\": {\"AdditionalVersionWeights\": {\"1\": 1.5}}}");
        ResponseAssert.Error(result, HttpStatusCode.BadRequest, "ValidationException");
    }

    [Fact]
    public async Task GetFunctionConfiguration_ByAlias_ReturnsTheAliasVersion()
    {
        await _host.CreateFunctionAsync("cfgalias");
        await PublishAsync("cfgalias");
        await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/cfgalias/aliases", "{\"Name\": \"live\", \"FunctionVersion\": \"1\"}");
        var (status, body, _) = await _host.CallAsync(HttpMethod.Get, "/2015-03-31/functions/cfgalias/configuration?Qualifier=live");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("1", body!["Version"]!.GetValue<string>());
    }
}
