namespace Nimbus.Lambda.Api.Dto;

internal sealed class UpdateFunctionConfigurationRequestDto : FunctionSettingsDto
{
    public string? RevisionId { get; set; }
}
