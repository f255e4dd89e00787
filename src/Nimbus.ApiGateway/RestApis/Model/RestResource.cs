namespace Nimbus.ApiGateway.RestApis.Model;

/// <summary>A resource of the API's tree (<c>Resource</c>): <c>/</c>, <c>/items</c>, <c>/items/{id}</c>, <c>/{proxy+}</c>, with its methods.</summary>
internal sealed class RestResource
{
    public string? Id { get; set; }
    public string? ParentId { get; set; }
    public string? PathPart { get; set; }
    public string? Path { get; set; }
    public Dictionary<string, RestMethod>? ResourceMethods { get; set; }
}
