using Nimbus.ApiGateway.RestApis.Model;
using Nimbus.ApiGateway.RestApis.Service;

namespace Nimbus.ApiGateway.RestApis.Api;

/// <summary>GetTags, TagResource, UntagResource on REST APIs and their stages (<c>arn:aws:apigateway:{region}::/restapis/{id}[/stages/{stage}]</c>).</summary>
internal static class RestTagOperations
{
    private static RestJsonContext Json => RestJsonContext.Default;

    public static Task GetAsync(RestCall call)
    {
        var (apiId, stage) = Target(call);
        return call.WriteJsonAsync(200, new RestTags { Tags = call.Apis.GetTags(call.Scope, apiId, stage) }, Json.RestTags);
    }

    public static async Task TagAsync(RestCall call)
    {
        var body = await call.ReadJsonAsync(Json.RestTags);
        if (body.Tags is null)
        {
            throw RestErrors.Required("tags");
        }
        var (apiId, stage) = Target(call);
        call.Apis.Tag(call.Scope, apiId, stage, body.Tags, []);
        await call.WriteEmptyAsync(204);
    }

    public static Task UntagAsync(RestCall call)
    {
        var keys = call.Call.Request.Http.Request.Query["tagKeys"].Where(k => k is not null).Select(k => k!).ToList();
        var (apiId, stage) = Target(call);
        call.Apis.Tag(call.Scope, apiId, stage, [], keys);
        return call.WriteEmptyAsync(204);
    }

    private static (string ApiId, string? Stage) Target(RestCall call)
    {
        var arn = call.Label("resource_arn");
        var marker = arn.IndexOf("::/restapis/", StringComparison.Ordinal);
        if (!arn.StartsWith("arn:", StringComparison.Ordinal) || marker < 0)
        {
            throw RestErrors.NotFound("Invalid resource ARN specified: " + arn);
        }
        var parts = arn[(marker + "::/restapis/".Length)..].Split('/');
        return parts switch
        {
            [var apiId] => (apiId, null),
            [var apiId, "stages", var stage] => (apiId, stage),
            _ => throw RestErrors.NotFound("Invalid resource ARN specified: " + arn),
        };
    }
}
