namespace Nimbus.ApiGateway.RestApis.Model;

internal sealed class RestTags
{
    public Dictionary<string, string>? Tags { get; set; }
}
