using System.Net.Sockets;
using System.Text;

namespace Nimbus.Execution.Tests.Infrastructure;

/// <summary>A wire-level HTTP/1.1 client on one keep-alive socket, for driving the Runtime API through misbehaviour.</summary>
internal sealed class RawHttpClient : IDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    public RawHttpClient(string address)
    {
        var parts = address.Split(':');
        _client = new TcpClient(parts[0], int.Parse(parts[1]));
        _stream = _client.GetStream();
    }

    /// <summary>Bytes already read from the socket but not yet consumed: what arrived with the last answer.</summary>
    public int Buffered => _end - _start;

    public Task SendAsync(string head, byte[]? body = null) => SendRawAsync([.. Encoding.ASCII.GetBytes(head), .. body ?? []]);

    public async Task SendRawAsync(byte[] bytes) => await _stream.WriteAsync(bytes);

    public static string Format(string method, string path, string? body = null) =>
        $"{method} {path} HTTP/1.1\r\nHost: runtime\r\n" + (body is null ? "" : $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n") + "\r\n" + body;

    public async Task<RawResponse> SendAndReceiveAsync(string method, string path, string? body = null, string extraHeaders = "")
    {
        var bytes = body is null ? null : Encoding.UTF8.GetBytes(body);
        var head = $"{method} {path} HTTP/1.1\r\nHost: runtime\r\n{extraHeaders}" + (bytes is null ? "" : $"Content-Length: {bytes.Length}\r\n") + "\r\n";
        await SendAsync(head, bytes);
        return await ReceiveAsync().Within(10, $"waiting for the answer to {method} {path}");
    }

    public async Task<RawResponse> ReceiveAsync()
    {
        var head = await ReadLineAsync();
        var status = int.Parse(head.Split(' ')[1]);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string line;
        while ((line = await ReadLineAsync()).Length > 0)
        {
            var colon = line.IndexOf(':');
            headers[line[..colon]] = line[(colon + 1)..].Trim();
        }
        var length = headers.TryGetValue("Content-Length", out var value) ? int.Parse(value) : 0;
        var body = new byte[length];
        for (var read = 0; read < length;)
        {
            await FillAsync();
            var n = Math.Min(length - read, _end - _start);
            Array.Copy(_buffer, _start, body, read, n);
            _start += n;
            read += n;
        }
        return new RawResponse(status, headers, Encoding.UTF8.GetString(body));
    }

    private async Task<string> ReadLineAsync()
    {
        var builder = new StringBuilder();
        while (true)
        {
            await FillAsync();
            var b = _buffer[_start++];
            if (b == '\n')
            {
                return builder.ToString().TrimEnd('\r');
            }
            builder.Append((char)b);
        }
    }

    private async Task FillAsync()
    {
        if (_start < _end)
        {
            return;
        }
        _start = 0;
        _end = await _stream.ReadAsync(_buffer);
        if (_end == 0)
        {
            throw new IOException("Connection closed by the Runtime API");
        }
    }

    public void Dispose() => _client.Dispose();
}

internal sealed record RawResponse(int Status, Dictionary<string, string> Headers, string Body);
