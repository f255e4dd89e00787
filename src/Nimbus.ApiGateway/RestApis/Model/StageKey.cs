namespace Nimbus.ApiGateway.RestApis.Model;

internal sealed class StageKey
{
    public string? RestApiId { get; set; }
    public string? StageName { get; set; }
}
