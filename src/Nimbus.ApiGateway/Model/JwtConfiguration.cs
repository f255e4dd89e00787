namespace Nimbus.ApiGateway.Model;

internal sealed class JwtConfiguration
{
    public List<string>? Audience { get; set; }
    public string? Issuer { get; set; }
}
