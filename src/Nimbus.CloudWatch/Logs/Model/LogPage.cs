using System.Text;
using Nimbus.Core;
using Nimbus.Core.Logs;
using Nimbus.Core.Queues;

namespace Nimbus.CloudWatch.Logs.Model;

/// <summary>
/// Log events waiting to be stored, in append order, as UTF-8 in one reusable buffer: each invoke's lines are copied
/// in at once and their strings die young, rather than living until the next commit and being promoted by every
/// collection in between (which made the server's older-generation collections with logs on; bench/run
/// observability). Grouped in batches of one stream. SQLite binds the UTF-8 as it is, and the text's size — what
/// CloudWatch counts — falls out of the copy.
/// </summary>
internal sealed class LogPage : IPacedBuffer
{
    private const int InitialTextBytes = 64 * 1024;

    /// <summary>A page that grew beyond this during a burst is not kept at that size once written.</summary>
    private const int RetainedTextBytes = 8 * 1024 * 1024;

    private readonly List<Batch> _batches = [];
    private readonly List<Line> _lines = [];
    private byte[] _text = new byte[InitialTextBytes];
    private int _used;

    /// <summary>Batches (appends) held.</summary>
    public int Count => _batches.Count;

    /// <summary>Events held.</summary>
    public int EventCount => _lines.Count;

    /// <summary>The UTF-8 size of the events' text.</summary>
    public long TextBytes => _used;

    public IReadOnlyList<Batch> Batches => _batches;

    /// <summary>A page of one batch (PutLogEvents, tests).</summary>
    public static LogPage Of(AwsScope scope, string groupName, string streamName, IReadOnlyList<LogRecord> events)
    {
        var page = new LogPage();
        page.Add(scope, groupName, streamName, events);
        return page;
    }

    public void Add(AwsScope scope, string groupName, string streamName, IReadOnlyList<LogRecord> events)
    {
        var first = _lines.Count;
        for (var i = 0; i < events.Count; i++)
        {
            var message = events[i].Message;
            var room = Encoding.UTF8.GetMaxByteCount(message.Length);
            if (_text.Length - _used < room)
            {
                Array.Resize(ref _text, Math.Max(_text.Length * 2, _used + room));
            }
            var length = Encoding.UTF8.GetBytes(message, _text.AsSpan(_used));
            _lines.Add(new Line(events[i].TimestampMs, _used, length));
            _used += length;
        }
        _batches.Add(new Batch(scope, groupName, streamName, first, events.Count));
    }

    public Line LineAt(int index) => _lines[index];

    /// <summary>The UTF-8 text of <paramref name="line"/>.</summary>
    public ReadOnlySpan<byte> TextOf(Line line) => _text.AsSpan(line.Offset, line.Length);

    public void Clear()
    {
        _batches.Clear();
        _lines.Clear();
        _used = 0;
        if (_text.Length > RetainedTextBytes)
        {
            _text = new byte[InitialTextBytes];
        }
    }

    /// <summary>Events of one stream, lines [<paramref name="FirstLine"/>, +<paramref name="LineCount"/>).</summary>
    internal readonly record struct Batch(AwsScope Scope, string GroupName, string StreamName, int FirstLine, int LineCount);

    /// <summary>One event: its timestamp and where its text is.</summary>
    internal readonly record struct Line(long TimestampMs, int Offset, int Length);
}
