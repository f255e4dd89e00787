namespace Nimbus.ApiGateway.Tests.WebSockets;

/// <summary>WebSocket APIs through the AWS CLI: the API, route and integration responses, and AWS's refusals across protocols.</summary>
[Collection(WebSocketCollection.Name)]
public sealed class WebSocketControlPlaneTests(WebSocketFixture ws)
{
    private AwsCli Cli => ws.Server.Cli;

    [Fact]
    public async Task WebSocketApi_RoutesWithResponses_RoundTrip()
    {
        var api = await Cli.JsonAsync("apigatewayv2", "create-api", "--name", "chat", "--protocol-type", "WEBSOCKET",
            "--route-selection-expression", "$request.body.action");
        var id = api.GetProperty("ApiId").GetString()!;
        Assert.Equal($"ws://{id}.execute-api.localhost:{ws.Endpoint.Port}", api.GetProperty("ApiEndpoint").GetString());
        Assert.Equal("$request.header.x-api-key", api.GetProperty("ApiKeySelectionExpression").GetString());

        var integration = await Cli.JsonAsync("apigatewayv2", "create-integration", "--api-id", id, "--integration-type", "AWS_PROXY",
            "--integration-uri", ws.FunctionArn);
        var integrationId = integration.GetProperty("IntegrationId").GetString()!;
        Assert.Equal("1.0", integration.GetProperty("PayloadFormatVersion").GetString());
        Assert.Equal(29000, integration.GetProperty("TimeoutInMillis").GetInt32());
        var route = await Cli.JsonAsync("apigatewayv2", "create-route", "--api-id", id, "--route-key", "sendmessage",
            "--target", "integrations/" + integrationId, "--route-response-selection-expression", "$default");
        var routeId = route.GetProperty("RouteId").GetString()!;

        var response = await Cli.JsonAsync("apigatewayv2", "create-route-response", "--api-id", id, "--route-id", routeId, "--route-response-key", "$default");
        var responseId = response.GetProperty("RouteResponseId").GetString()!;
        Assert.Equal("$default", (await Cli.JsonAsync("apigatewayv2", "get-route-response", "--api-id", id, "--route-id", routeId,
            "--route-response-id", responseId)).GetProperty("RouteResponseKey").GetString());
        Assert.Single((await Cli.JsonAsync("apigatewayv2", "get-route-responses", "--api-id", id, "--route-id", routeId)).GetProperty("Items").EnumerateArray());
        await Cli.FailsWithAsync("BadRequestException", "apigatewayv2", "create-route-response", "--api-id", id, "--route-id", routeId, "--route-response-key", "other");
        await Cli.FailsWithAsync("ConflictException", "apigatewayv2", "create-route-response", "--api-id", id, "--route-id", routeId, "--route-response-key", "$default");
        await Cli.JsonAsync("apigatewayv2", "delete-route-response", "--api-id", id, "--route-id", routeId, "--route-response-id", responseId);
        await Cli.FailsWithAsync("NotFoundException", "apigatewayv2", "get-route-response", "--api-id", id, "--route-id", routeId, "--route-response-id", responseId);

        var integrationResponse = await Cli.JsonAsync("apigatewayv2", "create-integration-response", "--api-id", id, "--integration-id", integrationId,
            "--integration-response-key", "$default", "--content-handling-strategy", "CONVERT_TO_TEXT");
        var integrationResponseId = integrationResponse.GetProperty("IntegrationResponseId").GetString()!;
        var updated = await Cli.JsonAsync("apigatewayv2", "update-integration-response", "--api-id", id, "--integration-id", integrationId,
            "--integration-response-id", integrationResponseId, "--template-selection-expression", "$default");
        Assert.Equal("CONVERT_TO_TEXT", updated.GetProperty("ContentHandlingStrategy").GetString());
        Assert.Single((await Cli.JsonAsync("apigatewayv2", "get-integration-responses", "--api-id", id, "--integration-id", integrationId)).GetProperty("Items").EnumerateArray());

        await Cli.FailsWithAsync("BadRequestException", "apigatewayv2", "create-route", "--api-id", id, "--route-key", "$other");
        await Cli.FailsWithAsync("BadRequestException", "apigatewayv2", "create-route", "--api-id", id, "--route-key", "secured", "--authorization-type", "AWS_IAM");
        await Cli.JsonAsync("apigatewayv2", "create-route", "--api-id", id, "--route-key", "$connect", "--authorization-type", "AWS_IAM");
        await Cli.FailsWithAsync("BadRequestException", "apigatewayv2", "create-integration", "--api-id", id, "--integration-type", "AWS_PROXY",
            "--integration-uri", ws.FunctionArn, "--payload-format-version", "2.0");
        await Cli.FailsWithAsync("BadRequestException", "apigatewayv2", "update-api", "--api-id", id, "--cors-configuration", "AllowOrigins=*");
        await Cli.FailsWithAsync("BadRequestException", "apigatewayv2", "create-api", "--name", "x", "--protocol-type", "WEBSOCKET");
    }

    [Fact]
    public async Task HttpApi_RefusesWebSocketOnlyMembers()
    {
        var id = (await Cli.JsonAsync("apigatewayv2", "create-api", "--name", "plain", "--protocol-type", "HTTP")).GetProperty("ApiId").GetString()!;
        var route = await Cli.JsonAsync("apigatewayv2", "create-route", "--api-id", id, "--route-key", "GET /a");
        var routeId = route.GetProperty("RouteId").GetString()!;

        var error = await Cli.FailsWithAsync("BadRequestException", "apigatewayv2", "create-route-response", "--api-id", id, "--route-id", routeId, "--route-response-key", "$default");
        Assert.Contains("only for WebSocket APIs", error);
        await Cli.FailsWithAsync("BadRequestException", "apigatewayv2", "create-route", "--api-id", id, "--route-key", "GET /b", "--route-response-selection-expression", "$default");
        await Cli.FailsWithAsync("BadRequestException", "apigatewayv2", "create-route", "--api-id", id, "--route-key", "GET /c", "--api-key-required");
        await Cli.FailsWithAsync("BadRequestException", "apigatewayv2", "create-integration", "--api-id", id, "--integration-type", "MOCK");
        await Cli.FailsWithAsync("BadRequestException", "apigatewayv2", "create-api", "--name", "x", "--protocol-type", "HTTP", "--route-selection-expression", "$request.body.action");
    }
}
