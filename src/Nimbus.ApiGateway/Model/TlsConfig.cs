namespace Nimbus.ApiGateway.Model;

internal sealed class TlsConfig
{
    public string? ServerNameToVerify { get; set; }
}
