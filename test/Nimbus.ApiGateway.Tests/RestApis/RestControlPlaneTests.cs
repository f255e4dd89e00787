using System.Text.Json;
using Nimbus.ApiGateway.Tests.Infrastructure;

namespace Nimbus.ApiGateway.Tests.RestApis;

/// <summary>The <c>apigateway</c> control plane through the AWS CLI: shapes, patch operations, and AWS's errors for bad input.</summary>
[Collection(GatewayCollection.Name)]
public sealed class RestControlPlaneTests(GatewayFixture gateway)
{
    private AwsCli Cli => gateway.Server.Cli;

    private async Task<(string Api, string Root)> NewApiAsync(string name)
    {
        var api = await Cli.JsonAsync("apigateway", "create-rest-api", "--name", name, "--description", "d");
        return (api.GetProperty("id").GetString()!, api.GetProperty("rootResourceId").GetString()!);
    }

    [Fact]
    public async Task CreateRestApi_AnswersTheModelsShape_AndGetsListUpdateDelete()
    {
        var created = await Cli.JsonAsync("apigateway", "create-rest-api", "--name", "shapes", "--tags", "team=a");
        var id = created.GetProperty("id").GetString()!;
        var updated = await Cli.JsonAsync("apigateway", "update-rest-api", "--rest-api-id", id, "--patch-operations",
            "op=replace,path=/name,value=renamed", "op=add,path=/binaryMediaTypes/image~1png", "op=replace,path=/apiKeySource,value=AUTHORIZER");
        var listed = await Cli.JsonAsync("apigateway", "get-rest-apis");
        var resources = await Cli.JsonAsync("apigateway", "get-resources", "--rest-api-id", id);

        Assert.Matches("^[a-z0-9]{10}$", id);
        Assert.Equal(JsonValueKind.Number, created.GetProperty("createdDate").ValueKind);
        Assert.Equal("HEADER", created.GetProperty("apiKeySource").GetString());
        Assert.Equal("EDGE", created.GetProperty("endpointConfiguration").GetProperty("types")[0].GetString());
        Assert.Equal("a", created.GetProperty("tags").GetProperty("team").GetString());
        Assert.Equal("renamed", updated.GetProperty("name").GetString());
        Assert.Equal("image/png", updated.GetProperty("binaryMediaTypes")[0].GetString());
        Assert.Equal("AUTHORIZER", updated.GetProperty("apiKeySource").GetString());
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), a => a.GetProperty("id").GetString() == id);
        Assert.Equal("/", resources.GetProperty("items")[0].GetProperty("path").GetString());

        await Cli.JsonAsync("apigateway", "delete-rest-api", "--rest-api-id", id);
        var message = await Cli.FailsWithAsync("NotFoundException", "apigateway", "get-rest-api", "--rest-api-id", id);
        Assert.Contains("Invalid API identifier specified 000000000000:" + id, message);
    }

    [Fact]
    public async Task ResourcesMethodsIntegrationsStages_RoundTrip()
    {
        var (api, root) = await NewApiAsync("tree");
        var items = (await Cli.JsonAsync("apigateway", "create-resource", "--rest-api-id", api, "--parent-id", root, "--path-part", "items")).GetProperty("id").GetString()!;
        var item = await Cli.JsonAsync("apigateway", "create-resource", "--rest-api-id", api, "--parent-id", items, "--path-part", "{id}");
        var itemId = item.GetProperty("id").GetString()!;
        await Cli.JsonAsync("apigateway", "put-method", "--rest-api-id", api, "--resource-id", itemId, "--http-method", "GET",
            "--authorization-type", "NONE", "--request-parameters", "method.request.path.id=true");
        var integration = await Cli.JsonAsync("apigateway", "put-integration", "--rest-api-id", api, "--resource-id", itemId, "--http-method", "GET",
            "--type", "AWS_PROXY", "--integration-http-method", "POST", "--uri",
            $"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{gateway.EchoArn}/invocations");
        var method = await Cli.JsonAsync("apigateway", "update-method", "--rest-api-id", api, "--resource-id", itemId, "--http-method", "GET",
            "--patch-operations", "op=replace,path=/apiKeyRequired,value=true");
        var deployment = await Cli.JsonAsync("apigateway", "create-deployment", "--rest-api-id", api, "--stage-name", "dev", "--variables", "a=1");
        var stage = await Cli.JsonAsync("apigateway", "update-stage", "--rest-api-id", api, "--stage-name", "dev", "--patch-operations",
            "op=replace,path=/variables/b,value=2", "op=replace,path=/*/*/throttling/rateLimit,value=50");
        var summary = await Cli.JsonAsync("apigateway", "get-deployment", "--rest-api-id", api, "--deployment-id", deployment.GetProperty("id").GetString()!,
            "--embed", "apisummary");
        var embedded = await Cli.JsonAsync("apigateway", "get-resources", "--rest-api-id", api, "--embed", "methods");

        Assert.Equal("/items/{id}", item.GetProperty("path").GetString());
        Assert.Equal(29000, integration.GetProperty("timeoutInMillis").GetInt32());
        Assert.Equal("POST", integration.GetProperty("httpMethod").GetString());
        Assert.True(method.GetProperty("apiKeyRequired").GetBoolean());
        Assert.Equal("1", stage.GetProperty("variables").GetProperty("a").GetString());
        Assert.Equal("2", stage.GetProperty("variables").GetProperty("b").GetString());
        Assert.Equal(50, stage.GetProperty("methodSettings").GetProperty("*/*").GetProperty("throttlingRateLimit").GetDouble());
        Assert.Equal("NONE", summary.GetProperty("apiSummary").GetProperty("/items/{id}").GetProperty("GET").GetProperty("authorizationType").GetString());
        var embeddedItem = embedded.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("id").GetString() == itemId);
        Assert.Equal("AWS_PROXY", embeddedItem.GetProperty("resourceMethods").GetProperty("GET").GetProperty("methodIntegration").GetProperty("type").GetString());
    }

    [Fact]
    public async Task BadInput_GetsAwsErrorCodes()
    {
        var (api, root) = await NewApiAsync("bad");
        var res = (await Cli.JsonAsync("apigateway", "create-resource", "--rest-api-id", api, "--parent-id", root, "--path-part", "x")).GetProperty("id").GetString()!;

        Assert.Contains("Invalid REST API identifier specified",
            await Cli.FailsWithAsync("NotFoundException", "apigateway", "get-resources", "--rest-api-id", "nope123456"));
        await Cli.FailsWithAsync("NotFoundException", "apigateway", "get-resource", "--rest-api-id", api, "--resource-id", "nope");
        await Cli.FailsWithAsync("ConflictException", "apigateway", "create-resource", "--rest-api-id", api, "--parent-id", root, "--path-part", "x");
        await Cli.FailsWithAsync("BadRequestException", "apigateway", "create-resource", "--rest-api-id", api, "--parent-id", root, "--path-part", "a b");
        await Cli.FailsWithAsync("BadRequestException", "apigateway", "put-method", "--rest-api-id", api, "--resource-id", res, "--http-method", "GET",
            "--authorization-type", "SOMETIMES");
        await Cli.FailsWithAsync("BadRequestException", "apigateway", "put-method", "--rest-api-id", api, "--resource-id", res, "--http-method", "GET",
            "--authorization-type", "CUSTOM", "--authorizer-id", "nope");
        await Cli.FailsWithAsync("BadRequestException", "apigateway", "create-deployment", "--rest-api-id", api, "--stage-name", "s");
        await Cli.JsonAsync("apigateway", "put-method", "--rest-api-id", api, "--resource-id", res, "--http-method", "GET", "--authorization-type", "NONE");
        await Cli.FailsWithAsync("ConflictException", "apigateway", "put-method", "--rest-api-id", api, "--resource-id", res, "--http-method", "GET",
            "--authorization-type", "NONE");
        Assert.Contains("No integration defined for method",
            await Cli.FailsWithAsync("BadRequestException", "apigateway", "create-deployment", "--rest-api-id", api, "--stage-name", "s"));
        await Cli.FailsWithAsync("BadRequestException", "apigateway", "put-integration", "--rest-api-id", api, "--resource-id", res, "--http-method", "GET",
            "--type", "AWS_PROXY", "--integration-http-method", "POST", "--uri", "not-a-function");
        await Cli.FailsWithAsync("BadRequestException", "apigateway", "put-integration", "--rest-api-id", api, "--resource-id", res, "--http-method", "GET",
            "--type", "MOCK", "--timeout-in-millis", "40000");
        await Cli.FailsWithAsync("BadRequestException", "apigateway", "update-rest-api", "--rest-api-id", api, "--patch-operations", "op=replace,path=/nope,value=1");
        await Cli.FailsWithAsync("BadRequestException", "apigateway", "update-rest-api", "--rest-api-id", api, "--patch-operations",
            "op=replace,path=/disableExecuteApiEndpoint,value=maybe");
        await Cli.FailsWithAsync("NotFoundException", "apigateway", "get-stage", "--rest-api-id", api, "--stage-name", "none");
        await Cli.FailsWithAsync("BadRequestException", "apigateway", "create-usage-plan", "--name", "p", "--quota", "limit=5,period=YEAR");
        await Cli.FailsWithAsync("BadRequestException", "apigateway", "create-usage-plan", "--name", "p", "--api-stages", $"apiId={api},stage=none");
        await Cli.FailsWithAsync("NotFoundException", "apigateway", "get-usage-plan", "--usage-plan-id", "nope");
        await Cli.FailsWithAsync("BadRequestException", "apigateway", "create-authorizer", "--rest-api-id", api, "--name", "a", "--type", "TOKEN",
            "--authorizer-uri", "arn:aws:s3:::bucket");
        await Cli.FailsWithAsync("NotImplementedException", "apigateway", "get-models", "--rest-api-id", api);
    }

    [Fact]
    public async Task ApiKeysAndUsagePlans_RoundTrip()
    {
        var (api, root) = await NewApiAsync("plans");
        await Cli.JsonAsync("apigateway", "put-method", "--rest-api-id", api, "--resource-id", root, "--http-method", "GET", "--authorization-type", "NONE");
        await Cli.JsonAsync("apigateway", "put-integration", "--rest-api-id", api, "--resource-id", root, "--http-method", "GET", "--type", "MOCK");
        await Cli.JsonAsync("apigateway", "create-deployment", "--rest-api-id", api, "--stage-name", "prod");
        var key = await Cli.JsonAsync("apigateway", "create-api-key", "--name", "k-" + api, "--enabled", "--value", "abcdefghijklmnopqrstuvwxyz-" + api);
        var keyId = key.GetProperty("id").GetString()!;
        var plan = await Cli.JsonAsync("apigateway", "create-usage-plan", "--name", "gold", "--api-stages", $"apiId={api},stage=prod",
            "--throttle", "burstLimit=10,rateLimit=5", "--quota", "limit=100,period=WEEK,offset=1");
        var planId = plan.GetProperty("id").GetString()!;
        var planKey = await Cli.JsonAsync("apigateway", "create-usage-plan-key", "--usage-plan-id", planId, "--key-id", keyId, "--key-type", "API_KEY");
        var updated = await Cli.JsonAsync("apigateway", "update-usage-plan", "--usage-plan-id", planId, "--patch-operations",
            "op=replace,path=/quota/limit,value=200", "op=replace,path=/throttle/rateLimit,value=7");
        var hidden = await Cli.JsonAsync("apigateway", "get-api-key", "--api-key", keyId);
        var byKey = await Cli.JsonAsync("apigateway", "get-usage-plans", "--key-id", keyId);

        Assert.True(key.GetProperty("enabled").GetBoolean());
        Assert.Equal("abcdefghijklmnopqrstuvwxyz-" + api, key.GetProperty("value").GetString());
        Assert.False(hidden.TryGetProperty("value", out _));
        Assert.Equal("API_KEY", planKey.GetProperty("type").GetString());
        Assert.Equal(200, updated.GetProperty("quota").GetProperty("limit").GetInt32());
        Assert.Equal(7, updated.GetProperty("throttle").GetProperty("rateLimit").GetDouble());
        Assert.Equal(planId, byKey.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetString());
        await Cli.FailsWithAsync("ConflictException", "apigateway", "create-usage-plan-key", "--usage-plan-id", planId, "--key-id", keyId, "--key-type", "API_KEY");
        await Cli.FailsWithAsync("ConflictException", "apigateway", "create-api-key", "--name", "dup", "--value", "abcdefghijklmnopqrstuvwxyz-" + api);
        await Cli.JsonAsync("apigateway", "delete-usage-plan-key", "--usage-plan-id", planId, "--key-id", keyId);
        await Cli.FailsWithAsync("NotFoundException", "apigateway", "get-usage-plan-key", "--usage-plan-id", planId, "--key-id", keyId);
    }
}
