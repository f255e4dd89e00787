using Nimbus.Execution.RuntimeApi;

namespace Nimbus.Execution.Environments;

internal sealed partial class ExecutionEnvironment
{
    public async ValueTask<bool> AcceptsAsync(System.Net.Sockets.Socket socket)
    {
        if (!_context.Options.VerifyRuntimeApiPeers)
        {
            return true;
        }
        await _started.Task;
        return _process?.ProcessIds() is not { } pids || RuntimePeer.IsOneOf(socket, _server.Port, pids);
    }

    public ValueTask<RuntimeInvocation> NextAsync(CancellationToken cancellationToken)
    {
        // The first /next ends the init phase: the runtime loaded the handler and is ready.
        if (!_init.Task.IsCompleted)
        {
            if (_init.TrySetResult(new InitResult(true, ElapsedMs(_startTimestamp))))
            {
                _initTimer?.Dispose();
                _process?.InitCompleted();
            }
        }
        return _invocations.Reader.ReadAsync(cancellationToken);
    }

    public RuntimeApiResult PostResponse(string requestId, byte[] body, int length)
    {
        if (!TryGetActive(requestId, "ResponseSent", out var active, out var rejection))
        {
            return rejection;
        }
        return Finish(active, InvocationStatus.Success, body.AsMemory(0, length), null, null)
            ? RuntimeApiResult.Accepted
            : RuntimeApiResult.InvalidStateTransition("Invoked", "ResponseSent");
    }

    public RuntimeApiResult PostResponseTooLarge(string requestId)
    {
        if (!TryGetActive(requestId, "ResponseSent", out var active, out var rejection))
        {
            return rejection;
        }
        // What Lambda returns to the caller when the function's response exceeds the synchronous limit.
        var payload = ErrorDocument("Function.ResponseSizeTooLarge",
            $"Response payload size exceeded maximum allowed payload size ({RuntimeApiServer.MaxResponseBytes} bytes).");
        Finish(active, InvocationStatus.FunctionError, payload, null, "Status: error\tError Type: Function.ResponseSizeTooLarge");
        return RuntimeApiResult.TooLarge;
    }

    public RuntimeApiResult PostError(string requestId, string? errorType, byte[] body, int length)
    {
        if (!TryGetActive(requestId, "ErrorSent", out var active, out var rejection))
        {
            return rejection;
        }
        ReadOnlyMemory<byte> payload = length > 0
            ? body.AsMemory(0, length)
            : ErrorDocument(errorType ?? "Unhandled", "Unknown application error occurred");
        return Finish(active, InvocationStatus.FunctionError, payload, null, null)
            ? RuntimeApiResult.Accepted
            : RuntimeApiResult.InvalidStateTransition("Invoked", "ErrorSent");
    }

    public RuntimeApiResult PostInitError(string? errorType, byte[] body, int length)
    {
        var payload = length > 0 ? body.AsSpan(0, length).ToArray() : ErrorDocument(errorType ?? "Unhandled", "Unknown application error occurred");
        var type = errorType ?? "Runtime.Unknown";
        if (!_init.TrySetResult(InitResult.Failed(ElapsedMs(_startTimestamp), InvocationStatus.FunctionError, type, _ => payload)))
        {
            return RuntimeApiResult.InvalidStateTransition("Ready", "InitError");
        }
        _initTimer?.Dispose();
        // Lambda discards an environment whose init failed; the next invocation starts a fresh one.
        lock (_gate)
        {
            _dead = true;
        }
        return RuntimeApiResult.Accepted;
    }

    private bool TryGetActive(string requestId, string target, out ActiveInvocation active, out RuntimeApiResult rejection)
    {
        lock (_gate)
        {
            if (_active is { } current && string.Equals(current.RequestId, requestId, StringComparison.Ordinal))
            {
                active = current;
                rejection = default;
                return true;
            }
            active = null!;
            // Answering an invocation twice is a state error; an id this environment never handed out is a bad id.
            rejection = string.Equals(_lastRequestId, requestId, StringComparison.Ordinal)
                ? RuntimeApiResult.InvalidStateTransition(target, target)
                : RuntimeApiResult.InvalidRequestId;
            return false;
        }
    }
}
