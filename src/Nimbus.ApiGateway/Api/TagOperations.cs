using Nimbus.ApiGateway.Service;

namespace Nimbus.ApiGateway.Api;

/// <summary>GetTags, TagResource, UntagResource on an API's ARN (<c>arn:aws:apigateway:{region}::/apis/{apiId}</c>).</summary>
internal static class TagOperations
{
    private static ApiGatewayJsonContext Json => ApiGatewayJsonContext.Default;

    public static Task GetAsync(ControlCall call) =>
        call.WriteJsonAsync(200, new TagsBody { Tags = call.Service.GetTags(call.Scope, ApiOf(call)) }, Json.TagsBody);

    public static async Task TagAsync(ControlCall call)
    {
        var body = await call.ReadJsonAsync(Json.TagsBody);
        call.Service.TagApi(call.Scope, ApiOf(call), body.Tags ?? []);
        await call.WriteEmptyAsync(201);
    }

    public static Task UntagAsync(ControlCall call)
    {
        var keys = call.Request.Http.Request.Query["tagKeys"].Where(k => k is not null).Select(k => k!).ToList();
        call.Service.UntagApi(call.Scope, ApiOf(call), keys);
        return call.WriteEmptyAsync(204);
    }

    private static string ApiOf(ControlCall call)
    {
        var arn = call.Label("resource-arn");
        var marker = arn.IndexOf("::/apis/", StringComparison.Ordinal);
        if (!arn.StartsWith("arn:", StringComparison.Ordinal) || marker < 0)
        {
            throw ApiGatewayErrors.NotFound("Invalid resource ARN specified: " + arn, "Resource");
        }
        var rest = arn[(marker + "::/apis/".Length)..];
        return rest.Split('/')[0];
    }
}
