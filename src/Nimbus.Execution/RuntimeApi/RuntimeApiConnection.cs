using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text.Unicode;

namespace Nimbus.Execution.RuntimeApi;

/// <summary>
/// One keep-alive HTTP/1.1 connection from a runtime: parses requests (Content-Length or chunked bodies,
/// <c>Expect: 100-continue</c>), routes them to the handler and writes the answers.
/// </summary>
internal sealed partial class RuntimeApiConnection
{
    private const string Prefix = "/2018-06-01/runtime/";

    private readonly NetworkStream _stream;
    private readonly PipeReader _reader;
    private readonly IRuntimeApiHandler _handler;
    private readonly RequestHead _head = new();
    private static readonly byte[] _accepted =
        "HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: 15\r\n\r\n{\"status\":\"OK\"}"u8.ToArray();

    public RuntimeApiConnection(Socket socket, IRuntimeApiHandler handler)
    {
        _stream = new NetworkStream(socket, ownsSocket: false);
        _reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024));
        _handler = handler;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var head = await ReadHeadAsync(cancellationToken);
            if (head is null)
            {
                return;
            }
            await HandleAsync(head, cancellationToken);
            if (head.Close)
            {
                return;
            }
        }
    }

    private async Task HandleAsync(RequestHead head, CancellationToken cancellationToken)
    {
        var path = head.Path;
        if (head.Method == "GET" && path == Prefix + "invocation/next")
        {
            var next = await _handler.NextAsync(cancellationToken);
            await WriteNextAsync(next, cancellationToken);
            return;
        }
        if (head.Method != "POST" || !path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            await SkipBodyAsync(head, cancellationToken);
            await WriteResultAsync(RuntimeApiResult.NotFound, cancellationToken);
            return;
        }
        var rest = path.AsSpan(Prefix.Length);
        if (rest.SequenceEqual("init/error"))
        {
            var (body, length, _) = await ReadBodyAsync(head, RuntimeApiServer.MaxResponseBytes, cancellationToken);
            await WriteResultAsync(_handler.PostInitError(head.ErrorType, body, length), cancellationToken);
            return;
        }
        const string invocation = "invocation/";
        if (rest.StartsWith(invocation))
        {
            var tail = rest[invocation.Length..];
            var slash = tail.IndexOf('/');
            if (slash > 0)
            {
                var requestId = tail[..slash].ToString();
                var action = tail[(slash + 1)..];
                if (action.SequenceEqual("response"))
                {
                    var (body, length, tooLarge) = await ReadBodyAsync(head, RuntimeApiServer.MaxResponseBytes, cancellationToken);
                    var result = tooLarge ? _handler.PostResponseTooLarge(requestId) : _handler.PostResponse(requestId, body, length);
                    await WriteResultAsync(result, cancellationToken);
                    return;
                }
                if (action.SequenceEqual("error"))
                {
                    var (body, length, _) = await ReadBodyAsync(head, RuntimeApiServer.MaxResponseBytes, cancellationToken);
                    await WriteResultAsync(_handler.PostError(requestId, head.ErrorType, body, length), cancellationToken);
                    return;
                }
            }
        }
        await SkipBodyAsync(head, cancellationToken);
        await WriteResultAsync(RuntimeApiResult.NotFound, cancellationToken);
    }

    private async Task WriteNextAsync(RuntimeInvocation invocation, CancellationToken cancellationToken)
    {
        var request = invocation.Request;
        var payload = request.Payload;
        var optional = (request.TraceId?.Length ?? 0) + (request.ClientContext?.Length ?? 0) + (request.CognitoIdentity?.Length ?? 0);
        var headLength = 512 + (3 * (request.RequestId.Length + request.InvokedFunctionArn.Length + optional));
        // Small events go out with the head in one write (one syscall, one segment); big ones are not copied.
        var combine = payload.Length <= 64 * 1024;
        var buffer = ArrayPool<byte>.Shared.Rent(_accepted.Length + headLength + (combine ? payload.Length : 0));
        try
        {
            var span = buffer.AsSpan();
            // A 202 held back for a pipelined POST leaves in this same write: the runtime wakes once for both.
            var written = TakeAccepted(span);
            written += Format(span[written..], $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nLambda-Runtime-Aws-Request-Id: {request.RequestId}\r\nLambda-Runtime-Deadline-Ms: {invocation.DeadlineMs}\r\nLambda-Runtime-Invoked-Function-Arn: {request.InvokedFunctionArn}\r\n");
            written += Header(span[written..], "Lambda-Runtime-Trace-Id", request.TraceId);
            written += Header(span[written..], "Lambda-Runtime-Client-Context", request.ClientContext);
            written += Header(span[written..], "Lambda-Runtime-Cognito-Identity", request.CognitoIdentity);
            written += Format(span[written..], $"Content-Length: {payload.Length}\r\n\r\n");
            if (combine)
            {
                payload.Span.CopyTo(span[written..]);
                await _stream.WriteAsync(buffer.AsMemory(0, written + payload.Length), CancellationToken.None);
            }
            else
            {
                await _stream.WriteAsync(buffer.AsMemory(0, written), CancellationToken.None);
                await _stream.WriteAsync(payload, CancellationToken.None);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int Header(Span<byte> destination, string name, string? value) =>
        string.IsNullOrEmpty(value) ? 0 : Format(destination, $"{name}: {value}\r\n");

    private static int Format(Span<byte> destination, [InterpolatedStringHandlerArgument(nameof(destination))] ref Utf8.TryWriteInterpolatedStringHandler handler) =>
        Utf8.TryWrite(destination, ref handler, out var written) ? written : throw new InvalidOperationException("Runtime API head buffer too small");

    private async Task WriteResultAsync(RuntimeApiResult result, CancellationToken cancellationToken)
    {
        // An answer already decided is written even when the environment is being stopped (an init error's 202 races
        // the pool discarding the environment); the stop then ends the connection at its next read.
        if (result.StatusCode == 202)
        {
            await WriteAcceptedAsync();
            return;
        }
        var buffer = ArrayPool<byte>.Shared.Rent(_accepted.Length + 256 + result.Body.Length);
        try
        {
            var written = TakeAccepted(buffer);
            written += Format(buffer.AsSpan(written), $"HTTP/1.1 {result.StatusCode} {Reason(result.StatusCode)}\r\nContent-Type: application/json\r\nContent-Length: {result.Body.Length}\r\n\r\n");
            result.Body.Span.CopyTo(buffer.AsSpan(written));
            await _stream.WriteAsync(buffer.AsMemory(0, written + result.Body.Length), CancellationToken.None);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        202 => "Accepted",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        413 => "Request Entity Too Large",
        _ => "Status",
    };
}
