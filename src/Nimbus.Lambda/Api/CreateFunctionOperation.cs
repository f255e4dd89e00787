using Nimbus.Lambda.Api.Dto;
using Nimbus.Lambda.Model;
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
        var zip = CodeOf(dto.Code.ZipFile, dto.Code.S3Bucket, dto.Code.S3Key);
        var settings = new FunctionSettings
        {
            Runtime = dto.Runtime,
            Role = dto.Role,
            Handler = dto.Handler,
            Description = dto.Description,
            TimeoutSeconds = dto.Timeout,
            MemorySizeMb = dto.MemorySize,
            EphemeralStorageMb = dto.EphemeralStorage?.Size,
            Architectures = dto.Architectures,
            Environment = dto.Environment?.Variables is { Count: > 0 } variables ? variables : null,
            TracingMode = dto.TracingConfig?.Mode,
            LogFormat = dto.LoggingConfig?.LogFormat,
            ApplicationLogLevel = dto.LoggingConfig?.ApplicationLogLevel,
            SystemLogLevel = dto.LoggingConfig?.SystemLogLevel,
            LogGroup = dto.LoggingConfig?.LogGroup,
            Layers = dto.Layers,
        };
        var document = call.Service.CreateFunction(call.Scope, name, settings, zip, dto.Tags, dto.Publish == true);
        await call.WriteJsonAsync(201, Mappers.ToDto(call.Scope, document.Latest), LambdaJsonContext.Default.FunctionConfigurationDto);
    }

    /// <summary>The inline zip; S3 locations need Nimbus's S3, which is not wired to Lambda yet.</summary>
    public static byte[] CodeOf(byte[]? zipFile, string? s3Bucket, string? s3Key)
    {
        if (s3Bucket is not null || s3Key is not null)
        {
            throw LambdaErrors.InvalidParameter("Deploying code from S3 (S3Bucket/S3Key) is not available in Nimbus yet: upload the .zip file directly with ZipFile.");
        }
        if (zipFile is null)
        {
            throw LambdaErrors.InvalidParameter("Please provide a source for function code.");
        }
        return zipFile;
    }
}
