namespace Nimbus.ApiGateway.RestApis.Model;

internal sealed class MethodSnapshot
{
    public string? AuthorizationType { get; set; }
    public bool? ApiKeyRequired { get; set; }
}
