using Nimbus.ApiGateway.Model;

namespace Nimbus.ApiGateway.RestApis.Model;

/// <summary>A method's integration (<c>Integration</c>), also PutIntegration's input (<c>httpMethod</c> is the integration's own method).</summary>
internal sealed class RestIntegration
{
    public string? Type { get; set; }
    public string? HttpMethod { get; set; }
    public string? Uri { get; set; }
    public string? ConnectionType { get; set; }
    public string? ConnectionId { get; set; }
    public string? Credentials { get; set; }
    public Dictionary<string, string>? RequestParameters { get; set; }
    public Dictionary<string, string>? RequestTemplates { get; set; }
    public string? PassthroughBehavior { get; set; }
    public string? ContentHandling { get; set; }
    public int? TimeoutInMillis { get; set; }
    public string? CacheNamespace { get; set; }
    public List<string>? CacheKeyParameters { get; set; }
    public Dictionary<string, IntegrationResponse>? IntegrationResponses { get; set; }
    public TlsConfig? TlsConfig { get; set; }
    public string? ResponseTransferMode { get; set; }
    public string? IntegrationTarget { get; set; }
}
