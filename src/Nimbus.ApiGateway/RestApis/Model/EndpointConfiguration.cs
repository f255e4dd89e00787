namespace Nimbus.ApiGateway.RestApis.Model;

internal sealed class EndpointConfiguration
{
    public List<string>? Types { get; set; }
    public string? IpAddressType { get; set; }
    public List<string>? VpcEndpointIds { get; set; }
}
