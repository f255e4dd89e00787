namespace Nimbus.ApiGateway.Model;

internal sealed class AccessLogSettings
{
    public string? DestinationArn { get; set; }
    public string? Format { get; set; }
}
