using Nimbus.Lambda.Api.Dto;
using Nimbus.Lambda.Service;

namespace Nimbus.Lambda.Api;

/// <summary><c>GET /2015-03-31/functions/{FunctionName}/versions</c>: <c>$LATEST</c> (qualified ARN) then each version.</summary>
internal static class ListVersionsByFunctionOperation
{
    public static async Task HandleAsync(LambdaCall call)
    {
        var (name, _) = FunctionNameParser.Parse(call.Label("FunctionName"), null, allowQualifier: false);
        var maxItems = call.QueryInt("MaxItems", "maxItems", 50, 1, 10000);
        var (page, next) = call.Service.ListVersions(call.Scope, name, call.Query("Marker"), maxItems);
        var response = new ListFunctionsResponseDto
        {
            NextMarker = next,
            Versions = page.Select(c => Mappers.ToDto(call.Scope, c, qualifyLatest: true)).ToList(),
        };
        await call.WriteJsonAsync(200, response, LambdaJsonContext.Default.ListFunctionsResponseDto);
    }
}
