namespace Nimbus.Lambda.Api.Dto;

/// <summary><c>FunctionConfiguration</c>, the shape most Lambda operations answer with.</summary>
internal sealed class FunctionConfigurationDto
{
    public string? FunctionName { get; set; }

    public string? FunctionArn { get; set; }

    public string? Runtime { get; set; }

    public string? Role { get; set; }

    public string? Handler { get; set; }

    public long CodeSize { get; set; }

    public string? Description { get; set; }

    public int Timeout { get; set; }

    public int MemorySize { get; set; }

    public string? LastModified { get; set; }

    public string? CodeSha256 { get; set; }

    public string? Version { get; set; }

    public EnvironmentDto? Environment { get; set; }

    public TracingConfigDto? TracingConfig { get; set; }

    public string? RevisionId { get; set; }

    public string? State { get; set; }

    public string? StateReason { get; set; }

    public string? StateReasonCode { get; set; }

    public string? LastUpdateStatus { get; set; }

    public string? LastUpdateStatusReason { get; set; }

    public string? LastUpdateStatusReasonCode { get; set; }

    public string? PackageType { get; set; }

    public List<string>? Architectures { get; set; }

    public EphemeralStorageDto? EphemeralStorage { get; set; }

    public SnapStartDto? SnapStart { get; set; }

    public RuntimeVersionConfigDto? RuntimeVersionConfig { get; set; }

    public LoggingConfigDto? LoggingConfig { get; set; }

    public DeadLetterConfigDto? DeadLetterConfig { get; set; }
}
