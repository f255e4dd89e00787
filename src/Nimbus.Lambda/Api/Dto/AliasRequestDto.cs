namespace Nimbus.Lambda.Api.Dto;

/// <summary>The body of <c>CreateAlias</c> and <c>UpdateAlias</c> (the latter takes the name from the URI).</summary>
internal sealed class AliasRequestDto
{
    public string? Name { get; set; }

    public string? FunctionVersion { get; set; }

    public string? Description { get; set; }

    public AliasRoutingConfigDto? RoutingConfig { get; set; }

    public string? RevisionId { get; set; }
}
