using System.Buffers;
using System.Text;
using System.Text.Json;
using Nimbus.Core.Invocation;
using Nimbus.Lambda.Service;
using Nimbus.Protocol;

namespace Nimbus.Lambda.Api;

/// <summary>
/// <c>POST /2015-03-31/functions/{FunctionName}/invocations</c>: the hot path. The payload is read with a bound
/// (6 MB + 1 byte), checked to be JSON without building a DOM, and handed to the engine as is.
/// </summary>
internal static class InvokeOperation
{
    private static readonly ReadOnlyMemory<byte> EmptyEvent = "{}"u8.ToArray();

    private static readonly string TooLargeMessage = $"Request must be smaller than {InvokeService.MaxSyncPayload} bytes for the InvokeFunction operation";

    public static async Task HandleAsync(AwsRequestContext request, string functionName, InvokeService invoke)
    {
        var http = request.Http;
        var headers = http.Request.Headers;
        var kind = ParseKind(headers["X-Amz-Invocation-Type"].ToString());
        var logType = headers["X-Amz-Log-Type"].ToString();
        if (logType.Length > 0 && logType is not ("None" or "Tail"))
        {
            throw LambdaErrors.Validation([LambdaErrors.Violation(logType, "logType", "satisfy enum value set: [None, Tail]")]);
        }
        var clientContext = DecodeClientContext(headers["X-Amz-Client-Context"].ToString());
        var payload = await ReadPayloadAsync(http.Request, request.Aborted);
        ValidateJson(payload.Span);
        if (payload.IsEmpty)
        {
            // Lambda hands a function invoked without a payload an empty object, not nothing (so event.get(...) works).
            payload = EmptyEvent;
        }

        var result = await invoke.InvokeAsync(new InvokeCommand(request.Scope, functionName, http.Request.Query["Qualifier"].ToString(), payload, kind)
        {
            RequestId = request.RequestId,
            WantLogTail = logType == "Tail" && kind == InvocationKind.RequestResponse,
            ClientContext = clientContext,
            TraceHeader = TraceHeaderOf(http.Request),
        }, request.Aborted);

        await WriteResultAsync(http.Response, result, request.Aborted);
    }

    public static async Task WriteResultAsync(Microsoft.AspNetCore.Http.HttpResponse response, InvokeResult result, CancellationToken cancellationToken)
    {
        response.StatusCode = result.StatusCode;
        response.Headers["X-Amz-Executed-Version"] = result.ExecutedVersion;
        if (result.FunctionError is not null)
        {
            response.Headers["X-Amz-Function-Error"] = result.FunctionError;
        }
        if (result.LogTail is not null)
        {
            response.Headers["X-Amz-Log-Result"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(result.LogTail));
        }
        response.ContentType = "application/json";
        response.ContentLength = result.Payload.Length;
        if (result.Payload.Length > 0)
        {
            await response.Body.WriteAsync(result.Payload, cancellationToken);
        }
    }

    private static InvocationKind ParseKind(string value) => value switch
    {
        "" or "RequestResponse" => InvocationKind.RequestResponse,
        "Event" => InvocationKind.Event,
        "DryRun" => InvocationKind.DryRun,
        _ => throw LambdaErrors.Validation([LambdaErrors.Violation(value, "invocationType", "satisfy enum value set: [Event, RequestResponse, DryRun]")]),
    };

    /// <summary>Reads at most 6 MB + 1 byte: anything beyond is refused without reading the rest.</summary>
    /// <summary>The caller's <c>X-Amzn-Trace-Id</c>, or null.</summary>
    public static string? TraceHeaderOf(Microsoft.AspNetCore.Http.HttpRequest request) =>
        request.Headers["X-Amzn-Trace-Id"] is { Count: > 0 } trace ? trace.ToString() : null;

    public static async Task<ReadOnlyMemory<byte>> ReadPayloadAsync(Microsoft.AspNetCore.Http.HttpRequest request, CancellationToken cancellationToken)
    {
        var limit = InvokeService.MaxSyncPayload;
        if (request.ContentLength is long declared)
        {
            if (declared > limit)
            {
                throw LambdaErrors.TooLarge(TooLargeMessage);
            }
            if (declared == 0)
            {
                return ReadOnlyMemory<byte>.Empty;
            }
            var exact = new byte[declared];
            var filled = 0;
            while (filled < exact.Length)
            {
                var read = await request.Body.ReadAsync(exact.AsMemory(filled), cancellationToken);
                if (read == 0)
                {
                    break;
                }
                filled += read;
            }
            return exact.AsMemory(0, filled);
        }
        var writer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            var memory = writer.GetMemory(16 * 1024);
            var room = Math.Min(memory.Length, limit + 1 - writer.WrittenCount);
            var read = await request.Body.ReadAsync(memory[..room], cancellationToken);
            if (read == 0)
            {
                break;
            }
            writer.Advance(read);
            if (writer.WrittenCount > limit)
            {
                throw LambdaErrors.TooLarge(TooLargeMessage);
            }
        }
        return writer.WrittenMemory;
    }

    /// <summary>Lambda refuses a payload that is not JSON before it reaches the function.</summary>
    public static void ValidateJson(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty)
        {
            return;
        }
        var reader = new Utf8JsonReader(payload, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            while (reader.Read())
            {
            }
        }
        catch (JsonException exception)
        {
            throw LambdaErrors.InvalidRequestContent("Could not parse request body into json: Could not parse payload into json: " + exception.Message);
        }
    }

    private static string? DecodeClientContext(string header)
    {
        if (header.Length == 0)
        {
            return null;
        }
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(header));
        }
        catch (FormatException)
        {
            throw LambdaErrors.InvalidRequestContent("Client context must be a valid Base64-encoded JSON object.");
        }
    }
}
