using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Nimbus.Execution.Processes;

/// <summary>
/// A child started by <see cref="PosixProcessLauncher"/>: its pid (also its process group id), a pidfd that becomes
/// readable when it exits, and the read end of its stdout+stderr pipe (non-blocking).
/// </summary>
internal sealed unsafe class PosixProcess : IProcessHandle
{
    private readonly int _pidfd;
    private readonly int _readFd;
    private int _inputFd;
    private readonly TaskCompletionSource<ProcessExit> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SafeFileHandle? _status;
    private readonly byte[] _statusBuffer = new byte[2048];
    private long _peakBytes;
    private bool _pipeEof;
    private int _disposed;

    public PosixProcess(int pid, int pidfd, int readFd, int inputFd = -1)
    {
        ProcessId = pid;
        _pidfd = pidfd;
        _readFd = readFd;
        _inputFd = inputFd;
        try
        {
            // Kept open and re-read with pread: procfs regenerates the file at offset 0, so no open() per invocation.
            _status = File.OpenHandle($"/proc/{pid}/status");
        }
        catch (IOException)
        {
            _status = null;
        }
    }

    public int ProcessId { get; }

    public Task<ProcessExit> Exited => _exited.Task;

    public int ReadAvailable(Span<byte> buffer)
    {
        if (_pipeEof)
        {
            return -1;
        }
        fixed (byte* pointer = buffer)
        {
            while (true)
            {
                var n = Libc.read(_readFd, pointer, buffer.Length);
                if (n > 0)
                {
                    return (int)n;
                }
                if (n == 0)
                {
                    _pipeEof = true;
                    return -1;
                }
                var errno = Marshal.GetLastPInvokeError();
                if (errno == Libc.Eintr)
                {
                    continue;
                }
                return 0;
            }
        }
    }

    public bool WaitForOutputOrExit()
    {
        var fds = stackalloc Libc.PollFd[2];
        fds[0] = new Libc.PollFd { Fd = _pidfd, Events = Libc.PollIn };
        fds[1] = new Libc.PollFd { Fd = _readFd, Events = Libc.PollIn };
        // Once every writer closed the pipe it polls readable forever: then only the exit is worth waiting for.
        var count = _pipeEof ? 1u : 2u;
        while (Libc.poll(fds, count, -1) < 0 && Marshal.GetLastPInvokeError() == Libc.Eintr)
        {
        }
        if ((fds[0].Revents & Libc.PollIn) == 0)
        {
            return false;
        }
        Reap();
        return true;
    }

    public bool WriteInput(ReadOnlySpan<byte> data)
    {
        var fd = Interlocked.Exchange(ref _inputFd, -1);
        if (fd < 0)
        {
            return false;
        }
        try
        {
            fixed (byte* pointer = data)
            {
                var written = 0;
                while (written < data.Length)
                {
                    // Blocking write; .NET ignores SIGPIPE, so a dead reader shows as EPIPE rather than killing us.
                    var n = Libc.write(fd, pointer + written, data.Length - written);
                    if (n < 0)
                    {
                        if (Marshal.GetLastPInvokeError() == Libc.Eintr)
                        {
                            continue;
                        }
                        return false;
                    }
                    written += (int)n;
                }
                return true;
            }
        }
        finally
        {
            Libc.close(fd);
        }
    }

    public void Kill()
    {
        if (!_exited.Task.IsCompleted)
        {
            Libc.kill(-ProcessId, Libc.Sigkill);
        }
    }

    public long PeakMemoryBytes()
    {
        if (_status is null || _exited.Task.IsCompleted)
        {
            return Volatile.Read(ref _peakBytes);
        }
        try
        {
            var n = RandomAccess.Read(_status, _statusBuffer, 0);
            var peak = ParseVmHwm(_statusBuffer.AsSpan(0, n));
            if (peak > 0)
            {
                Volatile.Write(ref _peakBytes, peak);
            }
        }
        catch (IOException)
        {
            // The process is gone: keep the last figure.
        }
        return Volatile.Read(ref _peakBytes);
    }

    internal static long ParseVmHwm(ReadOnlySpan<byte> status)
    {
        var at = status.IndexOf("VmHWM:"u8);
        if (at < 0)
        {
            return 0;
        }
        long kb = 0;
        foreach (var b in status[(at + 6)..])
        {
            if (b is >= (byte)'0' and <= (byte)'9')
            {
                kb = (kb * 10) + (b - '0');
            }
            else if (b == (byte)'k' || b == (byte)'\n')
            {
                break;
            }
        }
        return kb * 1024;
    }

    private void Reap()
    {
        if (_exited.Task.IsCompleted)
        {
            return;
        }
        PeakMemoryBytes();
        int status;
        int result;
        do
        {
            result = Libc.waitpid(ProcessId, &status, Libc.Wnohang);
        }
        while (result < 0 && Marshal.GetLastPInvokeError() == Libc.Eintr);
        if (result <= 0)
        {
            _exited.TrySetResult(new ProcessExit(-1, 0));
            return;
        }
        var signal = status & 0x7f;
        _exited.TrySetResult(signal == 0 ? new ProcessExit((status >> 8) & 0xff, 0) : new ProcessExit(-1, signal));
        // Whatever the runtime left behind in its group goes with it, as when Lambda freezes/destroys the sandbox.
        Libc.kill(-ProcessId, Libc.Sigkill);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        Kill();
        var input = Interlocked.Exchange(ref _inputFd, -1);
        if (input >= 0)
        {
            Libc.close(input);
        }
        Libc.close(_readFd);
        Libc.close(_pidfd);
        _status?.Dispose();
    }
}
