namespace Nimbus.Lambda.Api.Dto;

internal sealed class GetFunctionResponseDto
{
    public FunctionConfigurationDto? Configuration { get; set; }

    public FunctionCodeLocationDto? Code { get; set; }

    public Dictionary<string, string>? Tags { get; set; }

    public ConcurrencyDto? Concurrency { get; set; }
}
