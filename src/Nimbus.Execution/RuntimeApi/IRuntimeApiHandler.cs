namespace Nimbus.Execution.RuntimeApi;

/// <summary>What the Runtime API of one execution environment does; the HTTP side lives in <see cref="RuntimeApiServer"/>.</summary>
internal interface IRuntimeApiHandler
{
    /// <summary>
    /// Whether to serve a connection (accepted on a loopback port or a Unix socket): only the environment's own
    /// processes may use its Runtime API.
    /// </summary>
    ValueTask<bool> AcceptsAsync(System.Net.Sockets.Socket socket);

    /// <summary><c>GET /runtime/invocation/next</c>: waits, with no timeout, for the next invocation.</summary>
    ValueTask<RuntimeInvocation> NextAsync(CancellationToken cancellationToken);

    RuntimeApiResult PostResponse(string requestId, byte[] body, int length);

    /// <summary>The runtime's response exceeded the synchronous payload limit.</summary>
    RuntimeApiResult PostResponseTooLarge(string requestId);

    RuntimeApiResult PostError(string requestId, string? errorType, byte[] body, int length);

    RuntimeApiResult PostInitError(string? errorType, byte[] body, int length);
}
