using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Nimbus.Execution.Processes;

/// <summary>
/// Starts runtimes with <c>posix_spawn</c> rather than <see cref="System.Diagnostics.Process"/>: we own the one pipe
/// that carries stdout and stderr (so log ordering against the Runtime API can be guaranteed), the child leads its
/// own process group (a timeout kills everything it started), and signals are reset to their defaults (.NET ignores
/// SIGPIPE, which children would otherwise inherit).
/// </summary>
internal sealed unsafe class PosixProcessLauncher : IProcessLauncher
{
    public string IsolationLevel => "process";

    public IProcessHandle Start(ProcessLaunchRequest request)
    {
        var fds = stackalloc int[2];
        if (Libc.pipe2(fds, Libc.OCloexec) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "pipe2 failed");
        }
        int readFd = fds[0], writeFd = fds[1];
        int inputRead = -1, inputWrite = -1;
        if (request.StandardInputPipe)
        {
            if (Libc.pipe2(fds, Libc.OCloexec) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                Libc.close(readFd);
                Libc.close(writeFd);
                throw new Win32Exception(errno, "pipe2 failed");
            }
            (inputRead, inputWrite) = (fds[0], fds[1]);
        }
        // Only our end is non-blocking: O_NONBLOCK lives on the open file description, and the child's writes must block.
        Libc.fcntl(readFd, Libc.FSetfl, Libc.fcntl(readFd, Libc.FGetfl, 0) | Libc.ONonblock);

        var strings = new List<nint>();
        var fileActions = NativeMemory.AllocZeroed(Libc.OpaqueSize);
        var attr = NativeMemory.AllocZeroed(Libc.OpaqueSize);
        var sigset = NativeMemory.AllocZeroed(Libc.OpaqueSize);
        try
        {
            var path = Utf8(request.Executable, strings);
            var argv = StringArray(request.Arguments, strings);
            var envp = StringArray(request.Environment.Select(kv => kv.Key + "=" + kv.Value).ToList(), strings);

            Libc.posix_spawn_file_actions_init(fileActions);
            if (inputRead >= 0)
            {
                Libc.posix_spawn_file_actions_adddup2(fileActions, inputRead, 0);
            }
            else
            {
                Libc.posix_spawn_file_actions_addopen(fileActions, 0, Utf8("/dev/null", strings), Libc.ORdonly, 0);
            }
            Libc.posix_spawn_file_actions_adddup2(fileActions, writeFd, 1);
            Libc.posix_spawn_file_actions_adddup2(fileActions, writeFd, 2);
            Libc.posix_spawn_file_actions_addchdir_np(fileActions, Utf8(request.WorkingDirectory, strings));

            Libc.posix_spawnattr_init(attr);
            Libc.posix_spawnattr_setflags(attr, Libc.PosixSpawnSetpgroup | Libc.PosixSpawnSetsigmask | Libc.PosixSpawnSetsigdef);
            Libc.posix_spawnattr_setpgroup(attr, 0);
            Libc.sigemptyset(sigset);
            Libc.posix_spawnattr_setsigmask(attr, sigset);
            for (var signal = 1; signal < 32; signal++)
            {
                if (signal is not 9 and not 19)
                {
                    Libc.sigaddset(sigset, signal);
                }
            }
            Libc.posix_spawnattr_setsigdefault(attr, sigset);

            int pid;
            var error = Libc.posix_spawn(&pid, path, fileActions, attr, argv, envp);
            if (error != 0)
            {
                Libc.close(readFd);
                CloseIfOpen(inputWrite);
                throw new Win32Exception(error, $"posix_spawn {request.Executable} failed");
            }
            var pidfd = Libc.pidfd_open(Libc.SysPidfdOpen, pid, 0);
            if (pidfd < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                Libc.kill(-pid, Libc.Sigkill);
                Libc.close(readFd);
                CloseIfOpen(inputWrite);
                throw new Win32Exception(errno, "pidfd_open failed");
            }
            return new PosixProcess(pid, pidfd, readFd, inputWrite);
        }
        finally
        {
            Libc.close(writeFd);
            CloseIfOpen(inputRead);
            Libc.posix_spawn_file_actions_destroy(fileActions);
            Libc.posix_spawnattr_destroy(attr);
            NativeMemory.Free(fileActions);
            NativeMemory.Free(attr);
            NativeMemory.Free(sigset);
            foreach (var s in strings)
            {
                Marshal.FreeCoTaskMem(s);
            }
        }
    }

    private static void CloseIfOpen(int fd)
    {
        if (fd >= 0)
        {
            Libc.close(fd);
        }
    }

    private static byte* Utf8(string value, List<nint> owned)
    {
        var pointer = Marshal.StringToCoTaskMemUTF8(value);
        owned.Add(pointer);
        return (byte*)pointer;
    }

    private static byte** StringArray(IReadOnlyList<string> values, List<nint> owned)
    {
        var array = (byte**)Marshal.AllocCoTaskMem(sizeof(nint) * (values.Count + 1));
        owned.Add((nint)array);
        for (var i = 0; i < values.Count; i++)
        {
            array[i] = Utf8(values[i], owned);
        }
        array[values.Count] = null;
        return array;
    }
}
