using System.Text.Json;
using Nimbus.ApiGateway.Tests.Infrastructure;

namespace Nimbus.ApiGateway.Tests;

/// <summary>The apigatewayv2 control plane driven by the AWS CLI, unmodified, including AWS's errors for mistakes.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ControlPlaneCliTests(GatewayFixture gateway)
{
    private AwsCli Cli => gateway.Server.Cli;

    [Fact]
    public async Task Api_CreateGetListUpdateDelete()
    {
        var created = await Cli.JsonAsync("apigatewayv2", "create-api", "--name", "orders", "--protocol-type", "HTTP", "--description", "first",
            "--cors-configuration", "AllowOrigins=https://example.com,AllowMethods=GET,MaxAge=300", "--tags", "team=a");
        var id = created.GetProperty("ApiId").GetString()!;
        Assert.Matches("^[a-z0-9]{10}$", id);
        Assert.Equal($"http://{id}.execute-api.localhost:{gateway.Endpoint.Port}", created.GetProperty("ApiEndpoint").GetString());
        Assert.Equal("$request.method $request.path", created.GetProperty("RouteSelectionExpression").GetString());
        Assert.Equal(300, created.GetProperty("CorsConfiguration").GetProperty("MaxAge").GetInt32());

        var got = await Cli.JsonAsync("apigatewayv2", "get-api", "--api-id", id);
        Assert.Equal("orders", got.GetProperty("Name").GetString());
        Assert.Equal("a", got.GetProperty("Tags").GetProperty("team").GetString());

        var updated = await Cli.JsonAsync("apigatewayv2", "update-api", "--api-id", id, "--name", "orders-v2");
        Assert.Equal("orders-v2", updated.GetProperty("Name").GetString());
        Assert.Equal("first", updated.GetProperty("Description").GetString());

        var list = await Cli.JsonAsync("apigatewayv2", "get-apis");
        Assert.Contains(list.GetProperty("Items").EnumerateArray(), a => a.GetProperty("ApiId").GetString() == id);

        await Cli.JsonAsync("apigatewayv2", "delete-api", "--api-id", id);
        var error = await Cli.FailsWithAsync("NotFoundException", "apigatewayv2", "get-api", "--api-id", id);
        Assert.Contains("Invalid API identifier specified", error);
    }

    [Fact]
    public async Task RoutesIntegrationsStagesDeployments_RoundTrip()
    {
        var id = (await Cli.JsonAsync("apigatewayv2", "create-api", "--name", "crud", "--protocol-type", "HTTP")).GetProperty("ApiId").GetString()!;
        var integration = await Cli.JsonAsync("apigatewayv2", "create-integration", "--api-id", id, "--integration-type", "AWS_PROXY",
            "--integration-uri", gateway.EchoArn, "--payload-format-version", "2.0");
        var integrationId = integration.GetProperty("IntegrationId").GetString()!;
        Assert.Equal(30000, integration.GetProperty("TimeoutInMillis").GetInt32());

        var route = await Cli.JsonAsync("apigatewayv2", "create-route", "--api-id", id, "--route-key", "GET /items/{id}", "--target", "integrations/" + integrationId);
        var routeId = route.GetProperty("RouteId").GetString()!;
        Assert.Equal("NONE", route.GetProperty("AuthorizationType").GetString());
        await Cli.JsonAsync("apigatewayv2", "update-route", "--api-id", id, "--route-id", routeId, "--route-key", "GET /things/{id}");
        var routes = await Cli.JsonAsync("apigatewayv2", "get-routes", "--api-id", id);
        Assert.Equal("GET /things/{id}", routes.GetProperty("Items")[0].GetProperty("RouteKey").GetString());

        var stage = await Cli.JsonAsync("apigatewayv2", "create-stage", "--api-id", id, "--stage-name", "prod", "--stage-variables", "color=blue");
        Assert.False(stage.TryGetProperty("DeploymentId", out _));
        var deployment = await Cli.JsonAsync("apigatewayv2", "create-deployment", "--api-id", id, "--stage-name", "prod", "--description", "v1");
        var deploymentId = deployment.GetProperty("DeploymentId").GetString()!;
        Assert.Equal("DEPLOYED", deployment.GetProperty("DeploymentStatus").GetString());
        Assert.Equal(deploymentId, (await Cli.JsonAsync("apigatewayv2", "get-stage", "--api-id", id, "--stage-name", "prod")).GetProperty("DeploymentId").GetString());
        Assert.Single((await Cli.JsonAsync("apigatewayv2", "get-deployments", "--api-id", id)).GetProperty("Items").EnumerateArray());
        Assert.Equal("blue", (await Cli.JsonAsync("apigatewayv2", "get-stages", "--api-id", id)).GetProperty("Items")[0].GetProperty("StageVariables").GetProperty("color").GetString());

        // A route still targeting the integration keeps it alive; after the route goes, it can go.
        await Cli.FailsWithAsync("ConflictException", "apigatewayv2", "delete-integration", "--api-id", id, "--integration-id", integrationId);
        await Cli.JsonAsync("apigatewayv2", "delete-route", "--api-id", id, "--route-id", routeId);
        await Cli.JsonAsync("apigatewayv2", "delete-integration", "--api-id", id, "--integration-id", integrationId);
        await Cli.FailsWithAsync("NotFoundException", "apigatewayv2", "get-integration", "--api-id", id, "--integration-id", integrationId);
        await Cli.JsonAsync("apigatewayv2", "delete-stage", "--api-id", id, "--stage-name", "prod");
        await Cli.FailsWithAsync("NotFoundException", "apigatewayv2", "get-stage", "--api-id", id, "--stage-name", "prod");
    }

    [Fact]
    public async Task QuickCreate_MakesManagedIntegrationRouteAndAutoDeployingDefaultStage()
    {
        var id = (await Cli.JsonAsync("apigatewayv2", "create-api", "--name", "quick", "--protocol-type", "HTTP", "--target", gateway.EchoArn,
            "--route-key", "GET /hello")).GetProperty("ApiId").GetString()!;

        var route = (await Cli.JsonAsync("apigatewayv2", "get-routes", "--api-id", id)).GetProperty("Items")[0];
        Assert.Equal("GET /hello", route.GetProperty("RouteKey").GetString());
        Assert.True(route.GetProperty("ApiGatewayManaged").GetBoolean());
        var integration = (await Cli.JsonAsync("apigatewayv2", "get-integrations", "--api-id", id)).GetProperty("Items")[0];
        Assert.Equal("AWS_PROXY", integration.GetProperty("IntegrationType").GetString());
        Assert.Equal("2.0", integration.GetProperty("PayloadFormatVersion").GetString());
        var stage = (await Cli.JsonAsync("apigatewayv2", "get-stages", "--api-id", id)).GetProperty("Items")[0];
        Assert.Equal("$default", stage.GetProperty("StageName").GetString());
        Assert.True(stage.GetProperty("AutoDeploy").GetBoolean());
        Assert.Equal(200, (int)(await gateway.GetAsync(id, "/hello")).StatusCode);
    }

    [Fact]
    public async Task BadInputs_GetApiGatewayErrors()
    {
        var id = (await Cli.JsonAsync("apigatewayv2", "create-api", "--name", "bad", "--protocol-type", "HTTP")).GetProperty("ApiId").GetString()!;

        await Cli.FailsWithAsync("BadRequestException", "apigatewayv2", "create-api", "--name", "x", "--protocol-type", "HTTP", "--target", "not-a-target");
        await Cli.FailsWithAsync("BadRequestException", "apigatewayv2", "create-route", "--api-id", id, "--route-key", "FETCH /x");
        await Cli.FailsWithAsync("BadRequestException", "apigatewayv2", "create-route", "--api-id", id, "--route-key", "GET /{proxy+}/x");
        await Cli.FailsWithAsync("BadRequestException", "apigatewayv2", "create-route", "--api-id", id, "--route-key", "GET /x", "--target", "integrations/nope");
        await Cli.JsonAsync("apigatewayv2", "create-route", "--api-id", id, "--route-key", "GET /x");
        await Cli.FailsWithAsync("ConflictException", "apigatewayv2", "create-route", "--api-id", id, "--route-key", "GET /x");
        await Cli.FailsWithAsync("BadRequestException", "apigatewayv2", "create-integration", "--api-id", id, "--integration-type", "AWS_PROXY",
            "--integration-uri", gateway.EchoArn);
        await Cli.FailsWithAsync("BadRequestException", "apigatewayv2", "create-integration", "--api-id", id, "--integration-type", "HTTP_PROXY",
            "--integration-uri", "ftp://example.com", "--integration-method", "GET");
        await Cli.FailsWithAsync("NotFoundException", "apigatewayv2", "get-route", "--api-id", id, "--route-id", "nope123");
        await Cli.FailsWithAsync("NotFoundException", "apigatewayv2", "get-routes", "--api-id", "missing000");
        await Cli.FailsWithAsync("NotImplementedException", "apigatewayv2", "get-domain-names");
        await Cli.FailsWithAsync("NotImplementedException", "apigateway", "get-domain-names");
    }

    [Fact]
    public async Task Tags_OnTheApiArn()
    {
        var id = (await Cli.JsonAsync("apigatewayv2", "create-api", "--name", "tagged", "--protocol-type", "HTTP")).GetProperty("ApiId").GetString()!;
        var arn = $"arn:aws:apigateway:us-east-1::/apis/{id}";

        await Cli.JsonAsync("apigatewayv2", "tag-resource", "--resource-arn", arn, "--tags", "env=dev,owner=me");
        await Cli.JsonAsync("apigatewayv2", "untag-resource", "--resource-arn", arn, "--tag-keys", "owner");
        var tags = await Cli.JsonAsync("apigatewayv2", "get-tags", "--resource-arn", arn);

        Assert.Equal(JsonValueKind.Object, tags.GetProperty("Tags").ValueKind);
        Assert.Equal("dev", tags.GetProperty("Tags").GetProperty("env").GetString());
        Assert.False(tags.GetProperty("Tags").TryGetProperty("owner", out _));
    }
}
