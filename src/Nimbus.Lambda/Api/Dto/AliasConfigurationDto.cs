namespace Nimbus.Lambda.Api.Dto;

internal sealed class AliasConfigurationDto
{
    public string? AliasArn { get; set; }

    public string? Name { get; set; }

    public string? FunctionVersion { get; set; }

    public string? Description { get; set; }

    public AliasRoutingConfigDto? RoutingConfig { get; set; }

    public string? RevisionId { get; set; }
}
