namespace Nimbus.ApiGateway.RestApis.Model;

/// <summary>A status code a method declares (<c>MethodResponse</c>), also PutMethodResponse's input.</summary>
internal sealed class MethodResponse
{
    public string? StatusCode { get; set; }
    public Dictionary<string, bool>? ResponseParameters { get; set; }
    public Dictionary<string, string>? ResponseModels { get; set; }
}
