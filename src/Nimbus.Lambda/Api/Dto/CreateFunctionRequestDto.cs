namespace Nimbus.Lambda.Api.Dto;

internal sealed class CreateFunctionRequestDto
{
    public string? FunctionName { get; set; }

    public string? Runtime { get; set; }

    public string? Role { get; set; }

    public string? Handler { get; set; }

    public FunctionCodeDto? Code { get; set; }

    public string? Description { get; set; }

    public int? Timeout { get; set; }

    public int? MemorySize { get; set; }

    public bool? Publish { get; set; }

    public string? PackageType { get; set; }

    public EnvironmentDto? Environment { get; set; }

    public TracingConfigDto? TracingConfig { get; set; }

    public Dictionary<string, string>? Tags { get; set; }

    public List<string>? Layers { get; set; }

    public List<string>? Architectures { get; set; }

    public EphemeralStorageDto? EphemeralStorage { get; set; }

    public LoggingConfigDto? LoggingConfig { get; set; }

    public SnapStartDto? SnapStart { get; set; }
}
