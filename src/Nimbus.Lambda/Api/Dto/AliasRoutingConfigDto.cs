namespace Nimbus.Lambda.Api.Dto;

internal sealed class AliasRoutingConfigDto
{
    public Dictionary<string, double>? AdditionalVersionWeights { get; set; }
}
