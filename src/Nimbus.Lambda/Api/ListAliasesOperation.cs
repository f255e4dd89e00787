using Nimbus.Lambda.Api.Dto;
using Nimbus.Lambda.Service;

namespace Nimbus.Lambda.Api;

/// <summary><c>GET /2015-03-31/functions/{FunctionName}/aliases</c> with <c>FunctionVersion</c>, <c>Marker</c>, <c>MaxItems</c>.</summary>
internal static class ListAliasesOperation
{
    public static async Task HandleAsync(LambdaCall call)
    {
        var (name, _) = FunctionNameParser.Parse(call.Label("FunctionName"), null, allowQualifier: false);
        var maxItems = call.QueryInt("MaxItems", "maxItems", 50, 1, 10000);
        var (page, next) = call.Service.ListAliases(call.Scope, name, call.Query("FunctionVersion"), call.Query("Marker"), maxItems);
        var response = new ListAliasesResponseDto { NextMarker = next, Aliases = page.Select(a => Mappers.ToDto(call.Scope, name, a)).ToList() };
        await call.WriteJsonAsync(200, response, LambdaJsonContext.Default.ListAliasesResponseDto);
    }
}
