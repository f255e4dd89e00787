using System.Buffers;

namespace Nimbus.Execution.RuntimeApi;

/// <summary>
/// HTTP/1.1 pipelining (RFC 9112 §9.3): Nimbus's own bootstraps send <c>POST …/response</c> and the next
/// <c>GET …/invocation/next</c> in one write. The 202 for the POST is then held back and leaves in the same write as
/// the next answer (usually the next event), so the runtime wakes once per invocation instead of twice. Answers stay
/// in request order. A client that waits for each answer never has a request buffered behind its POST, so it gets its
/// 202 at once, exactly as before.
/// </summary>
internal sealed partial class RuntimeApiConnection
{
    private bool _acceptedPending;

    private ValueTask WriteAcceptedAsync()
    {
        if (!_acceptedPending && HasPipelinedRequest())
        {
            _acceptedPending = true;
            return default;
        }
        return WriteAsync(_accepted, CancellationToken.None);
    }

    /// <summary>Whether a further request (not just stray CRLFs) already sits in the read buffer, without reading the socket.</summary>
    private bool HasPipelinedRequest()
    {
        if (!_reader.TryRead(out var result))
        {
            return false;
        }
        var reader = new SequenceReader<byte>(result.Buffer);
        reader.AdvancePastAny((byte)'\r', (byte)'\n');
        var pipelined = !reader.End;
        // Nothing consumed and nothing examined: the next ReadAsync returns the same bytes without waiting.
        _reader.AdvanceTo(result.Buffer.Start);
        return pipelined;
    }

    /// <summary>Copies a held-back 202 to the start of <paramref name="destination"/>; returns the bytes written.</summary>
    private int TakeAccepted(Span<byte> destination)
    {
        if (!_acceptedPending)
        {
            return 0;
        }
        _acceptedPending = false;
        _accepted.CopyTo(destination);
        return _accepted.Length;
    }

    /// <summary>Writes <paramref name="bytes"/>, preceded in the same write by a held-back 202.</summary>
    private async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        if (!_acceptedPending)
        {
            await _stream.WriteAsync(bytes, cancellationToken);
            return;
        }
        var buffer = ArrayPool<byte>.Shared.Rent(_accepted.Length + bytes.Length);
        try
        {
            var written = TakeAccepted(buffer);
            bytes.Span.CopyTo(buffer.AsSpan(written));
            await _stream.WriteAsync(buffer.AsMemory(0, written + bytes.Length), cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
