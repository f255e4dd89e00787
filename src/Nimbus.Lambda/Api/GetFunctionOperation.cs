using Nimbus.Lambda.Api.Dto;
using Nimbus.Lambda.Service;

namespace Nimbus.Lambda.Api;

/// <summary>
/// <c>GET /2015-03-31/functions/{FunctionName}</c>: configuration, a download URL for the zip (served by
/// <see cref="GetCodeOperation"/>), tags and reserved concurrency.
/// </summary>
internal static class GetFunctionOperation
{
    public static async Task HandleAsync(LambdaCall call)
    {
        var (name, qualifier) = FunctionNameParser.Parse(call.Label("FunctionName"), call.Query("Qualifier"));
        var entry = call.Service.Get(call.Scope, name, qualifier);
        var version = call.Service.ResolveVersion(entry, qualifier);
        var document = entry.Snapshot.Document;
        var http = call.Request.Http.Request;
        var response = new GetFunctionResponseDto
        {
            Configuration = Mappers.ToDto(call.Scope, version.Config),
            Code = new FunctionCodeLocationDto
            {
                RepositoryType = "S3",
                Location = $"{http.Scheme}://{http.Host}{GetCodeOperation.PathPrefix}{version.Config.CodeHashHex}.zip",
            },
            Tags = document.Tags.Count > 0 ? document.Tags : null,
            Concurrency = document.ReservedConcurrency is int reserved ? new ConcurrencyDto { ReservedConcurrentExecutions = reserved } : null,
        };
        await call.WriteJsonAsync(200, response, LambdaJsonContext.Default.GetFunctionResponseDto);
    }
}
