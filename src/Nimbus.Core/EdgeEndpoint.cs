namespace Nimbus.Core;

/// <summary>
/// The URL of Nimbus's own edge endpoint, known once the server is listening. Functions get it as
/// <c>AWS_ENDPOINT_URL</c> so the AWS SDK inside a function calls Nimbus.
/// </summary>
public sealed class EdgeEndpoint
{
    private string _url = "http://127.0.0.1:4566";
    private string? _socketPath;

    public string Url
    {
        get => Volatile.Read(ref _url);
        set => Volatile.Write(ref _url, value.TrimEnd('/'));
    }

    /// <summary>
    /// A Unix socket on which the edge endpoint also listens (null when it does not): network-isolated sandboxes reach
    /// Nimbus through it, bridged to <c>127.0.0.1</c> and the port of <see cref="Url"/> inside the sandbox.
    /// </summary>
    public string? SocketPath
    {
        get => Volatile.Read(ref _socketPath);
        set => Volatile.Write(ref _socketPath, value);
    }
}
