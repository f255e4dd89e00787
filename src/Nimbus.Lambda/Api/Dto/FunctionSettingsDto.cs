namespace Nimbus.Lambda.Api.Dto;

/// <summary>The configuration members <c>CreateFunction</c> and <c>UpdateFunctionConfiguration</c> share (mapped once, by <see cref="Mappers.ToSettings"/>).</summary>
internal class FunctionSettingsDto
{
    public string? Runtime { get; set; }

    public string? Role { get; set; }

    public string? Handler { get; set; }

    public string? Description { get; set; }

    public int? Timeout { get; set; }

    public int? MemorySize { get; set; }

    public EnvironmentDto? Environment { get; set; }

    public TracingConfigDto? TracingConfig { get; set; }

    public List<string>? Layers { get; set; }

    public EphemeralStorageDto? EphemeralStorage { get; set; }

    public LoggingConfigDto? LoggingConfig { get; set; }

    public SnapStartDto? SnapStart { get; set; }

    public DeadLetterConfigDto? DeadLetterConfig { get; set; }
}
