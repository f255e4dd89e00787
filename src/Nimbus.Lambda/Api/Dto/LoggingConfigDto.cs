namespace Nimbus.Lambda.Api.Dto;

internal sealed class LoggingConfigDto
{
    public string? LogFormat { get; set; }

    public string? ApplicationLogLevel { get; set; }

    public string? SystemLogLevel { get; set; }

    public string? LogGroup { get; set; }
}
