using Nimbus.Lambda.Api.Dto;
using Nimbus.Lambda.Service;

namespace Nimbus.Lambda.Api;

/// <summary><c>GET /2015-03-31/functions</c> with <c>Marker</c>/<c>MaxItems</c> (default 50) and <c>FunctionVersion=ALL</c>.</summary>
internal static class ListFunctionsOperation
{
    public static async Task HandleAsync(LambdaCall call)
    {
        var functionVersion = call.Query("FunctionVersion");
        if (functionVersion is not null && functionVersion != "ALL")
        {
            throw LambdaErrors.Validation([LambdaErrors.Violation(functionVersion, "functionVersion", "satisfy enum value set: [ALL]")]);
        }
        var maxItems = call.QueryInt("MaxItems", "maxItems", 50, 1, 10000);
        var (page, next) = call.Service.ListFunctions(call.Scope, functionVersion == "ALL", call.Query("Marker"), maxItems);
        var response = new ListFunctionsResponseDto
        {
            NextMarker = next,
            Functions = page.Select(c => WithoutStateFields(Mappers.ToDto(call.Scope, c))).ToList(),
        };
        await call.WriteJsonAsync(200, response, LambdaJsonContext.Default.ListFunctionsResponseDto);
    }

    /// <summary>
    /// ListFunctions returns a subset of FunctionConfiguration: the state fields and RuntimeVersionConfig are only
    /// in GetFunction (https://docs.aws.amazon.com/lambda/latest/api/API_ListFunctions.html).
    /// </summary>
    private static FunctionConfigurationDto WithoutStateFields(FunctionConfigurationDto dto)
    {
        dto.State = null;
        dto.StateReason = null;
        dto.StateReasonCode = null;
        dto.LastUpdateStatus = null;
        dto.LastUpdateStatusReason = null;
        dto.LastUpdateStatusReasonCode = null;
        dto.RuntimeVersionConfig = null;
        return dto;
    }
}
