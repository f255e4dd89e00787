using Nimbus.Core;

namespace Nimbus.ApiGateway.RestApis.Service;

internal sealed partial class RestApiService
{
    /// <summary>
    /// The tags of a REST API (<c>arn:aws:apigateway:{region}::/restapis/{id}</c>) or of one of its stages
    /// (<c>…/restapis/{id}/stages/{stage}</c>); null when the ARN names neither.
    /// </summary>
    public Dictionary<string, string>? GetTags(AwsScope scope, string apiId, string? stageName)
    {
        var doc = Find(scope, apiId);
        return stageName is null ? doc.Api.Tags ?? [] : (doc.Stages.GetValueOrDefault(stageName) ?? throw RestErrors.StageNotFound()).Tags ?? [];
    }

    public void Tag(AwsScope scope, string apiId, string? stageName, Dictionary<string, string> tags, IEnumerable<string> removeKeys) =>
        Mutate(scope, apiId, doc =>
        {
            var target = stageName is null
                ? doc.Api.Tags ??= []
                : (doc.Stages.GetValueOrDefault(stageName) ?? throw RestErrors.StageNotFound()).Tags ??= [];
            foreach (var (key, value) in tags)
            {
                target[key] = value;
            }
            foreach (var key in removeKeys)
            {
                target.Remove(key);
            }
            return 0;
        });
}
