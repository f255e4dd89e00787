using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Text;

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
        var builder = new StringBuilder(512);
        builder.Append("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nLambda-Runtime-Aws-Request-Id: ")
            .Append(request.RequestId)
            .Append("\r\nLambda-Runtime-Deadline-Ms: ").Append(invocation.DeadlineMs)
            .Append("\r\nLambda-Runtime-Invoked-Function-Arn: ").Append(request.InvokedFunctionArn);
        AppendHeader(builder, "Lambda-Runtime-Trace-Id", request.TraceId);
        AppendHeader(builder, "Lambda-Runtime-Client-Context", request.ClientContext);
        AppendHeader(builder, "Lambda-Runtime-Cognito-Identity", request.CognitoIdentity);
        builder.Append("\r\nContent-Length: ").Append(request.Payload.Length).Append("\r\n\r\n");
        await WriteHeadAndBodyAsync(builder, request.Payload, cancellationToken);
    }

    private static void AppendHeader(StringBuilder builder, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            builder.Append("\r\n").Append(name).Append(": ").Append(value);
        }
    }

    private Task WriteResultAsync(RuntimeApiResult result, CancellationToken cancellationToken)
    {
        var builder = new StringBuilder(128);
        builder.Append("HTTP/1.1 ").Append(result.StatusCode).Append(' ').Append(Reason(result.StatusCode))
            .Append("\r\nContent-Type: application/json\r\nContent-Length: ").Append(result.Body.Length).Append("\r\n\r\n");
        return WriteHeadAndBodyAsync(builder, result.Body, cancellationToken);
    }

    private async Task WriteHeadAndBodyAsync(StringBuilder head, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        // An answer already decided is written even when the environment is being stopped (an init error's 202 races
        // the pool discarding the environment); the stop then ends the connection at its next read.
        cancellationToken = CancellationToken.None;
        var headLength = Encoding.UTF8.GetMaxByteCount(head.Length);
        // Small answers go out in one write (one syscall, one TCP segment); big events are not copied.
        var combine = body.Length <= 64 * 1024;
        var buffer = ArrayPool<byte>.Shared.Rent(headLength + (combine ? body.Length : 0));
        try
        {
            var written = Encoding.UTF8.GetBytes(head.ToString(), buffer);
            if (combine)
            {
                body.Span.CopyTo(buffer.AsSpan(written));
                await _stream.WriteAsync(buffer.AsMemory(0, written + body.Length), cancellationToken);
            }
            else
            {
                await _stream.WriteAsync(buffer.AsMemory(0, written), cancellationToken);
                await _stream.WriteAsync(body, cancellationToken);
            }
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
