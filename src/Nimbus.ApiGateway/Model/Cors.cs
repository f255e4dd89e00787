namespace Nimbus.ApiGateway.Model;

/// <summary>An HTTP API's CORS configuration; API Gateway answers preflights and adds the headers itself.</summary>
internal sealed class Cors
{
    public bool? AllowCredentials { get; set; }
    public List<string>? AllowHeaders { get; set; }
    public List<string>? AllowMethods { get; set; }
    public List<string>? AllowOrigins { get; set; }
    public List<string>? ExposeHeaders { get; set; }
    public int? MaxAge { get; set; }
}
