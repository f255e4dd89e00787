namespace Nimbus.ApiGateway.Api;

/// <summary>TagResource's body and GetTags' response: <c>{"tags": {…}}</c>.</summary>
internal sealed class TagsBody
{
    public Dictionary<string, string>? Tags { get; set; }
}
