using Nimbus.Core;
using Nimbus.Core.Objects;

namespace Nimbus.Lambda.Service;

/// <summary>Deployment packages given inline or as an S3 location (read through <see cref="IObjectReader"/>).</summary>
internal sealed partial class LambdaService
{
    /// <summary>The package's bytes; S3 failures become AWS's <c>InvalidParameterValueException</c> quoting S3's error.</summary>
    public async Task<(byte[] Zip, long MaxZipped)> LoadCodeAsync(AwsScope scope, CodeSource source, CancellationToken cancellationToken)
    {
        if (source.S3Bucket is null && source.S3Key is null && source.S3ObjectVersion is null)
        {
            return source.ZipFile is null
                ? throw LambdaErrors.InvalidParameter("Please provide a source for function code.")
                : (source.ZipFile, CodeStore.MaxZippedBytes);
        }
        if (source.ZipFile is not null)
        {
            throw LambdaErrors.InvalidParameter("Please do not provide other FunctionCode parameters when providing a ZipFile.");
        }
        if (source.S3Bucket is null || source.S3Key is null)
        {
            throw LambdaErrors.InvalidParameter("Please provide a source for function code.");
        }
        ValidateS3Location(source);
        var reader = _objects ?? throw LambdaErrors.InvalidParameter("Error occurred while GetObject. S3 Error Code: ServiceUnavailable. S3 Error Message: This Nimbus server runs without S3.");
        try
        {
            await using var stream = await reader.OpenReadAsync(scope, source.S3Bucket, source.S3Key, source.S3ObjectVersion, cancellationToken);
            // A package fetched from S3 is not bound by the 50 MB direct-upload limit, only by the 250 MB unzipped one.
            return (await ReadBoundedAsync(stream, CodeStore.MaxUnzippedBytes, cancellationToken), CodeStore.MaxUnzippedBytes);
        }
        catch (AwsServiceException error) when (error.ErrorCode is not ("InvalidParameterValueException" or "RequestEntityTooLargeException"))
        {
            // What Lambda answers when its GetObject of the package fails.
            throw LambdaErrors.InvalidParameter($"Error occurred while GetObject. S3 Error Code: {error.ErrorCode}. S3 Error Message: {error.Message}");
        }
    }

    private static void ValidateS3Location(CodeSource source)
    {
        var violations = new List<string>();
        if (source.S3Bucket!.Length is < 3 or > 63)
        {
            violations.Add(LambdaErrors.Violation(source.S3Bucket, "code.s3Bucket",
                source.S3Bucket.Length < 3 ? "have length greater than or equal to 3" : "have length less than or equal to 63"));
        }
        if (source.S3Key!.Length is < 1 or > 1024)
        {
            violations.Add(LambdaErrors.Violation(source.S3Key, "code.s3Key",
                source.S3Key.Length < 1 ? "have length greater than or equal to 1" : "have length less than or equal to 1024"));
        }
        if (source.S3ObjectVersion is { Length: < 1 or > 1024 } version)
        {
            violations.Add(LambdaErrors.Violation(version, "code.s3ObjectVersion",
                version.Length < 1 ? "have length greater than or equal to 1" : "have length less than or equal to 1024"));
        }
        if (violations.Count > 0)
        {
            throw LambdaErrors.Validation(violations);
        }
    }

    private static async Task<byte[]> ReadBoundedAsync(Stream stream, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                throw LambdaErrors.InvalidParameter($"Unzipped size must be smaller than {limit} bytes");
            }
        }
        return buffer.ToArray();
    }
}
