namespace Nimbus.Lambda.Api.Dto;

/// <summary><c>ListFunctions</c> (<c>Functions</c>) and <c>ListVersionsByFunction</c> (<c>Versions</c>) responses.</summary>
internal sealed class ListFunctionsResponseDto
{
    public string? NextMarker { get; set; }

    public List<FunctionConfigurationDto>? Functions { get; set; }

    public List<FunctionConfigurationDto>? Versions { get; set; }
}
