using System.Text.RegularExpressions;
using Nimbus.Lambda.Service;

namespace Nimbus.Lambda.Api;

/// <summary>
/// Nimbus's stand-in for the presigned S3 URL of <c>GetFunction</c>'s <c>Code.Location</c>: streams the stored zip.
/// Content-addressed, so the hash is the capability (as the presigned URL is on AWS).
/// </summary>
internal static partial class GetCodeOperation
{
    public const string PathPrefix = "/2015-03-31/nimbus-code/";

    public static async Task HandleAsync(LambdaCall call)
    {
        var file = call.Label("File");
        var match = CodeFileRegex().Match(file);
        var path = match.Success ? call.Service.Code.ZipPath(match.Groups[1].Value) : null;
        if (path is null || !File.Exists(path))
        {
            throw LambdaErrors.ResourceNotFound("The code package does not exist.");
        }
        var response = call.Request.Http.Response;
        response.StatusCode = 200;
        response.ContentType = "application/zip";
        response.ContentLength = new FileInfo(path).Length;
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        await stream.CopyToAsync(response.Body, call.Request.Aborted);
    }

    [GeneratedRegex("^([0-9a-f]{64})\\.zip$")]
    private static partial Regex CodeFileRegex();
}
