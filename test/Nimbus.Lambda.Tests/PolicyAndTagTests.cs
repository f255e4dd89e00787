using System.Net;
using System.Text.Json.Nodes;
using Nimbus.Lambda.Tests.Infrastructure;

namespace Nimbus.Lambda.Tests;

public sealed class PolicyAndTagTests : IAsyncLifetime
{
    private const string Arn = "arn:aws:lambda:us-east-1:000000000000:function:tagged";
    private LambdaTestHost _host = null!;

    public async Task InitializeAsync() => _host = await LambdaTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AddPermission_ReturnsStatementAndGetPolicyReturnsIamDocument()
    {
        await _host.CreateFunctionAsync("pol");
        var (status, added, _) = await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/pol/policy",
            "{\"StatementId\": \"s3invoke\", \"Action\": \"lambda:InvokeFunction\", \"Principal\": \"s3.amazonaws.com\", "
            + "\"SourceArn\": \"arn:aws:s3:::bucket\", \"SourceAccount\": \"000000000000\"}");
        Assert.Equal(HttpStatusCode.Created, status);
        var statement = JsonNode.Parse(added!["Statement"]!.GetValue<string>())!;
        Assert.Equal("s3invoke", statement["Sid"]!.GetValue<string>());
        Assert.Equal("s3.amazonaws.com", statement["Principal"]!["Service"]!.GetValue<string>());
        Assert.Equal("arn:aws:s3:::bucket", statement["Condition"]!["ArnLike"]!["AWS:SourceArn"]!.GetValue<string>());

        var (_, policy, _) = await _host.CallAsync(HttpMethod.Get, "/2015-03-31/functions/pol/policy");
        var document = JsonNode.Parse(policy!["Policy"]!.GetValue<string>())!;
        Assert.Equal("2012-10-17", document["Version"]!.GetValue<string>());
        Assert.Equal("default", document["Id"]!.GetValue<string>());
        Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:pol", document["Statement"]![0]!["Resource"]!.GetValue<string>());
        Assert.NotNull(policy["RevisionId"]);
    }

    [Fact]
    public async Task AddPermission_DuplicateSid_ReturnsConflict()
    {
        await _host.CreateFunctionAsync("dupsid");
        const string body = "{\"StatementId\": \"a\", \"Action\": \"lambda:InvokeFunction\", \"Principal\": \"*\"}";
        await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/dupsid/policy", body);
        var result = await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/dupsid/policy", body);
        ResponseAssert.Error(result, HttpStatusCode.Conflict, "ResourceConflictException");
    }

    [Fact]
    public async Task RemovePermission_RemovesAndUnknownSidIsNotFound()
    {
        await _host.CreateFunctionAsync("rm");
        await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/rm/policy",
            "{\"StatementId\": \"a\", \"Action\": \"lambda:InvokeFunction\", \"Principal\": \"123456789012\"}");
        var (removed, _, _) = await _host.CallAsync(HttpMethod.Delete, "/2015-03-31/functions/rm/policy/a");
        Assert.Equal(HttpStatusCode.NoContent, removed);
        var none = await _host.CallAsync(HttpMethod.Get, "/2015-03-31/functions/rm/policy");
        ResponseAssert.Error(none, HttpStatusCode.NotFound, "ResourceNotFoundException");
        var again = await _host.CallAsync(HttpMethod.Delete, "/2015-03-31/functions/rm/policy/a");
        ResponseAssert.Error(again, HttpStatusCode.NotFound, "ResourceNotFoundException");
    }

    [Fact]
    public async Task AddPermission_WithInvalidAction_ReturnsValidationException()
    {
        await _host.CreateFunctionAsync("badact");
        var result = await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/badact/policy",
            "{\"StatementId\": \"a\", \"Action\": \"s3:GetObject\", \"Principal\": \"*\"}");
        ResponseAssert.Error(result, HttpStatusCode.BadRequest, "ValidationException");
    }

    [Fact]
    public async Task Tags_TagListUntag()
    {
        await _host.CreateFunctionAsync("tagged");
        var path = "/2017-03-31/tags/" + Uri.EscapeDataString(Arn);
        var (tagged, _, _) = await _host.CallAsync(HttpMethod.Post, path, "{\"Tags\": {\"a\": \"1\", \"b\": \"2\"}}");
        Assert.Equal(HttpStatusCode.NoContent, tagged);
        var (untagged, _, _) = await _host.CallAsync(HttpMethod.Delete, path + "?tagKeys=a");
        Assert.Equal(HttpStatusCode.NoContent, untagged);
        var (_, list, _) = await _host.CallAsync(HttpMethod.Get, path);
        Assert.Equal("""{"b":"2"}""", list!["Tags"]!.ToJsonString());
    }

    [Fact]
    public async Task Tags_OnUnknownFunction_ReturnsNotFound()
    {
        var result = await _host.CallAsync(HttpMethod.Get, "/2017-03-31/tags/" + Uri.EscapeDataString(Arn));
        ResponseAssert.Error(result, HttpStatusCode.NotFound, "ResourceNotFoundException");
    }
}
