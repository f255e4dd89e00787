namespace Nimbus.Execution.RuntimeApi;

/// <summary>The request line and the few headers the Runtime API cares about (one per connection, reused).</summary>
internal sealed class RequestHead
{
    public string Method { get; set; } = "";

    public string Path { get; set; } = "";

    /// <summary>-1 when absent.</summary>
    public long ContentLength { get; set; } = -1;

    public bool Chunked { get; set; }

    public bool ExpectContinue { get; set; }

    public bool Close { get; set; }

    /// <summary><c>Lambda-Runtime-Function-Error-Type</c>.</summary>
    public string? ErrorType { get; set; }

    public bool HasBody => Chunked || ContentLength > 0;

    public void Reset()
    {
        Method = "";
        Path = "";
        ContentLength = -1;
        Chunked = false;
        ExpectContinue = false;
        Close = false;
        ErrorType = null;
    }
}
