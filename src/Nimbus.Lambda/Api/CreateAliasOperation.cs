using Nimbus.Lambda.Api.Dto;
using Nimbus.Lambda.Service;

namespace Nimbus.Lambda.Api;

/// <summary><c>POST /2015-03-31/functions/{FunctionName}/aliases</c> → 201 AliasConfiguration.</summary>
internal static class CreateAliasOperation
{
    public static async Task HandleAsync(LambdaCall call)
    {
        var (name, _) = FunctionNameParser.Parse(call.Label("FunctionName"), null, allowQualifier: false);
        var dto = await call.ReadJsonAsync(LambdaJsonContext.Default.AliasRequestDto);
        var missing = new List<string>();
        if (dto.Name is null) missing.Add(LambdaErrors.Violation(null, "name", "not be null"));
        if (dto.FunctionVersion is null) missing.Add(LambdaErrors.Violation(null, "functionVersion", "not be null"));
        if (missing.Count > 0)
        {
            throw LambdaErrors.Validation(missing);
        }
        var alias = call.Service.CreateAlias(call.Scope, name, dto.Name!, dto.FunctionVersion!, dto.Description, dto.RoutingConfig?.AdditionalVersionWeights);
        await call.WriteJsonAsync(201, Mappers.ToDto(call.Scope, name, alias), LambdaJsonContext.Default.AliasConfigurationDto);
    }
}
