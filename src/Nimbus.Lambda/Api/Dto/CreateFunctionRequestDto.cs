namespace Nimbus.Lambda.Api.Dto;

internal sealed class CreateFunctionRequestDto : FunctionSettingsDto
{
    public string? FunctionName { get; set; }

    public FunctionCodeDto? Code { get; set; }

    public bool? Publish { get; set; }

    public string? PackageType { get; set; }

    public Dictionary<string, string>? Tags { get; set; }

    public List<string>? Architectures { get; set; }
}
