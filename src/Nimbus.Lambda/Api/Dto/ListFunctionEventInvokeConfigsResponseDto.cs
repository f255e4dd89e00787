namespace Nimbus.Lambda.Api.Dto;

internal sealed class ListFunctionEventInvokeConfigsResponseDto
{
    public List<FunctionEventInvokeConfigDto> FunctionEventInvokeConfigs { get; set; } = [];

    public string? NextMarker { get; set; }
}
