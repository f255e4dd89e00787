using System.Text.Json;
using Nimbus.ApiGateway.Tests.Infrastructure;

namespace Nimbus.ApiGateway.Tests.RestApis;

/// <summary>
/// boto3 helpers for building REST APIs (<c>apigateway</c>) the way users do: <c>new_api</c>, <c>resource</c>,
/// <c>proxy</c> (a method with an AWS_PROXY integration through the Lambda invoke URI) and <c>deploy</c>.
/// </summary>
internal static class RestScripts
{
    private const string Prelude = """
        apigw = client("apigateway")
        def lambda_uri(arn):
            return "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/" + arn + "/invocations"
        def new_api(name, **kw):
            api = apigw.create_rest_api(name=name, **kw)
            return api["id"], api["rootResourceId"]
        def resource(api, parent, part):
            return apigw.create_resource(restApiId=api, parentId=parent, pathPart=part)["id"]
        def proxy(api, res, verb, arn, auth="NONE", **kw):
            apigw.put_method(restApiId=api, resourceId=res, httpMethod=verb, authorizationType=auth, **kw)
            apigw.put_integration(restApiId=api, resourceId=res, httpMethod=verb, type="AWS_PROXY", integrationHttpMethod="POST", uri=lambda_uri(arn))
        def deploy(api, stage="prod", **kw):
            return apigw.create_deployment(restApiId=api, stageName=stage, **kw)["id"]

        """;

    public static Task<JsonElement> RunAsync(GatewayFixture gateway, string script) => RunAsync(gateway.Server.Boto3, script);

    public static Task<JsonElement> RunAsync(Boto3 boto3, string script) => boto3.RunAsync(Prelude + script);

    /// <summary>The names of a JSON object's members, sorted.</summary>
    public static string[] Keys(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];

    public static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
