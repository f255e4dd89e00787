namespace Nimbus.Lambda.Api.Dto;

/// <summary><c>FilterCriteria</c>: up to five filters, each an event pattern in a JSON string.</summary>
internal sealed class FilterCriteriaDto
{
    public List<FilterDto>? Filters { get; set; }
}
