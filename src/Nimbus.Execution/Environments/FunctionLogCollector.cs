using System.Text;
using Nimbus.Core;
using Nimbus.Core.Logs;
using Nimbus.Execution.Processes;

namespace Nimbus.Execution.Environments;

/// <summary>
/// Turns an environment's merged stdout+stderr into CloudWatch events, one per line, and batches them per
/// invocation. Every member must be called under <see cref="Gate"/>: the pipe reader thread and the Runtime API
/// handlers (which drain the pipe before writing END) take the same lock, which is what guarantees that output
/// written before the response precedes END.
/// </summary>
internal sealed class FunctionLogCollector
{
    private const int MaxLineBytes = 256 * 1024;

    private readonly ILogIngestion _sink;
    private readonly AwsScope _scope;
    private readonly string _group;
    private readonly TimeProvider _time;
    private readonly byte[] _readBuffer = new byte[64 * 1024];
    private byte[] _partial = new byte[4096];
    private int _partialLength;
    private List<LogRecord> _pending = new(32);

    public FunctionLogCollector(ILogIngestion sink, AwsScope scope, string group, string stream, TimeProvider time)
    {
        _sink = sink;
        _scope = scope;
        _group = group;
        StreamName = stream;
        _time = time;
    }

    public object Gate { get; } = new();

    public string StreamName { get; }

    /// <summary>Records queued since the last flush.</summary>
    public int Count => _pending.Count;

    public IReadOnlyList<LogRecord> Pending => _pending;

    /// <summary>Reads everything the pipe holds right now (never blocks) and splits it into lines.</summary>
    public void Drain(IProcessHandle process)
    {
        while (true)
        {
            var n = process.ReadAvailable(_readBuffer);
            if (n <= 0)
            {
                return;
            }
            Split(_readBuffer.AsSpan(0, n));
        }
    }

    public void Add(string message) => _pending.Add(new LogRecord(_time.GetUtcNow().ToUnixTimeMilliseconds(), message));

    /// <summary>A line the function started without ending it (<c>process.stdout.write("x")</c>) becomes an event of its own.</summary>
    public void EndPartialLine()
    {
        if (_partialLength > 0)
        {
            AddLine(_partial.AsSpan(0, _partialLength));
            _partialLength = 0;
        }
    }

    /// <summary>Hands the queued records to CloudWatch Logs in one call (under the gate, so streams keep their order).</summary>
    public void Flush()
    {
        if (_pending.Count == 0)
        {
            return;
        }
        var batch = _pending;
        _pending = new List<LogRecord>(Math.Max(8, batch.Count));
        _sink.Append(_scope, _group, StreamName, batch);
    }

    /// <summary>The last <paramref name="maxBytes"/> bytes of the records from <paramref name="start"/> on, a line each.</summary>
    public string Tail(int start, int maxBytes)
    {
        var builder = new StringBuilder();
        for (var i = start; i < _pending.Count; i++)
        {
            builder.Append(_pending[i].Message).Append('\n');
        }
        var bytes = Encoding.UTF8.GetBytes(builder.ToString());
        return bytes.Length <= maxBytes ? builder.ToString() : Encoding.UTF8.GetString(bytes.AsSpan(bytes.Length - maxBytes));
    }

    private void Split(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            var newline = data.IndexOf((byte)'\n');
            if (newline < 0)
            {
                AppendPartial(data);
                return;
            }
            if (_partialLength > 0)
            {
                AppendPartial(data[..newline]);
                AddLine(_partial.AsSpan(0, _partialLength));
                _partialLength = 0;
            }
            else
            {
                AddLine(data[..newline]);
            }
            data = data[(newline + 1)..];
        }
    }

    private void AppendPartial(ReadOnlySpan<byte> data)
    {
        if (_partialLength + data.Length > _partial.Length)
        {
            if (_partialLength + data.Length > MaxLineBytes)
            {
                // A runaway line without newline: cut it into events rather than buffer without bound.
                AddLine(_partial.AsSpan(0, _partialLength));
                _partialLength = 0;
                data = data[..Math.Min(data.Length, MaxLineBytes)];
            }
            Array.Resize(ref _partial, Math.Max(_partial.Length * 2, _partialLength + data.Length));
        }
        data.CopyTo(_partial.AsSpan(_partialLength));
        _partialLength += data.Length;
    }

    private void AddLine(ReadOnlySpan<byte> line)
    {
        if (!line.IsEmpty && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }
        // Nimbus's bootstraps (like AWS's runtimes) write a multi-line message as one line with \r for \n.
        Add(Encoding.UTF8.GetString(line).Replace('\r', '\n'));
    }
}
