using Nimbus.Lambda.Api.Dto;
using Nimbus.Lambda.Service;

namespace Nimbus.Lambda.Api;

/// <summary><c>PUT /2015-03-31/functions/{FunctionName}/code</c> with <c>Publish</c> and <c>DryRun</c>.</summary>
internal static class UpdateFunctionCodeOperation
{
    public static async Task HandleAsync(LambdaCall call)
    {
        var (name, _) = FunctionNameParser.Parse(call.Label("FunctionName"), null, allowQualifier: false);
        var dto = await call.ReadJsonAsync(LambdaJsonContext.Default.UpdateFunctionCodeRequestDto);
        if (dto.ImageUri is not null)
        {
            throw LambdaErrors.InvalidParameter("PackageType Image is not supported by Nimbus yet: deploy a .zip file archive (PackageType Zip).");
        }
        // A missing function is reported before the code location is read, as AWS does.
        call.Service.Get(call.Scope, name);
        var (zip, maxZipped) = await call.Service.LoadCodeAsync(call.Scope, new CodeSource(dto.ZipFile, dto.S3Bucket, dto.S3Key, dto.S3ObjectVersion),
            call.Request.Aborted);
        var (latest, published) = call.Service.UpdateCode(call.Scope, name, zip, dto.Architectures, dto.Publish == true, dto.DryRun == true,
            dto.RevisionId, maxZipped);
        // With Publish, AWS answers with the configuration of the version it published.
        await call.WriteJsonAsync(200, Mappers.ToDto(call.Scope, published ?? latest), LambdaJsonContext.Default.FunctionConfigurationDto);
    }
}
