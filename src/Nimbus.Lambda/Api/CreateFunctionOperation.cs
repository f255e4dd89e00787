using Nimbus.Lambda.Api.Dto;
using Nimbus.Lambda.Service;

namespace Nimbus.Lambda.Api;

/// <summary><c>POST /2015-03-31/functions</c> → 201 FunctionConfiguration (State Pending, then Active).</summary>
internal static class CreateFunctionOperation
{
    public static async Task HandleAsync(LambdaCall call)
    {
        var dto = await call.ReadJsonAsync(LambdaJsonContext.Default.CreateFunctionRequestDto);
        var missing = new List<string>();
        if (dto.FunctionName is null) missing.Add(LambdaErrors.Violation(null, "functionName", "not be null"));
        if (dto.Role is null) missing.Add(LambdaErrors.Violation(null, "role", "not be null"));
        if (dto.Code is null) missing.Add(LambdaErrors.Violation(null, "code", "not be null"));
        if (missing.Count > 0)
        {
            throw LambdaErrors.Validation(missing);
        }
        var (name, _) = FunctionNameParser.Parse(dto.FunctionName!, null, allowQualifier: false);
        if (dto.PackageType is "Image" || dto.Code!.ImageUri is not null)
        {
            throw LambdaErrors.InvalidParameter("PackageType Image is not supported by Nimbus yet: deploy a .zip file archive (PackageType Zip).");
        }
        if (dto.PackageType is not (null or "Zip"))
        {
            throw LambdaErrors.Validation([LambdaErrors.Violation(dto.PackageType, "packageType", "satisfy enum value set: [Image, Zip]")]);
        }
        var (zip, maxZipped) = await call.Service.LoadCodeAsync(call.Scope,
            new CodeSource(dto.Code.ZipFile, dto.Code.S3Bucket, dto.Code.S3Key, dto.Code.S3ObjectVersion), call.Request.Aborted);
        var settings = Mappers.ToSettings(dto) with { Architectures = dto.Architectures };
        var document = call.Service.CreateFunction(call.Scope, name, settings, zip, dto.Tags, dto.Publish == true, maxZipped);
        await call.WriteJsonAsync(201, Mappers.ToDto(call.Scope, document.Latest), LambdaJsonContext.Default.FunctionConfigurationDto);
    }
}
