using System.Buffers;

namespace Nimbus.S3.Store;

/// <summary>
/// Receives one body as it streams in. When inline bodies are allowed it is held in a pooled buffer while it fits
/// <see cref="ObjectBodyStore.InlineLimit"/>, and spills to a temp file (written, fsynced, renamed on
/// <see cref="Commit"/>) the moment it does not; otherwise it goes straight to a file. Either way no body is ever held
/// whole in memory beyond the inline limit. Disposing without committing discards what was written.
/// </summary>
internal sealed class BodyWriter : IDisposable
{
    private readonly ObjectBodyStore _store;
    private byte[]? _buffer;
    private int _buffered;
    private string? _tempPath;
    private FileStream? _file;

    public BodyWriter(ObjectBodyStore store, bool allowInline)
    {
        _store = store;
        _buffer = allowInline ? ArrayPool<byte>.Shared.Rent(ObjectBodyStore.InlineLimit) : null;
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (_file is null && _buffer is not null && _buffered + data.Length <= ObjectBodyStore.InlineLimit)
        {
            data.Span.CopyTo(_buffer.AsSpan(_buffered));
            _buffered += data.Length;
            return;
        }
        if (_file is null)
        {
            (_tempPath, _file) = _store.CreateTemp();
            if (_buffered > 0)
            {
                await _file.WriteAsync(_buffer.AsMemory(0, _buffered), cancellationToken);
            }
            ReturnBuffer();
        }
        await _file.WriteAsync(data, cancellationToken);
    }

    /// <summary>Makes the body durable (a file) or hands it over (inline); returns its name and, if inline, its bytes.</summary>
    public (string Name, byte[]? Inline) Commit()
    {
        if (_file is null && _buffer is not null)
        {
            var inline = _buffer.AsSpan(0, _buffered).ToArray();
            ReturnBuffer();
            return (ObjectBodyStore.NewInlineName(), inline);
        }
        if (_file is null)
        {
            // An empty body where inline is not allowed (an empty part): still a file of its own.
            (_tempPath, _file) = _store.CreateTemp();
        }
        var name = _store.Commit(_tempPath!, _file);
        _file = null;
        _tempPath = null;
        return (name, null);
    }

    public void Dispose()
    {
        ReturnBuffer();
        if (_file is not null)
        {
            _store.Discard(_tempPath!, _file);
            _file = null;
        }
    }

    private void ReturnBuffer()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }
    }
}
