using System.ComponentModel;
using System.Globalization;

namespace Nimbus.Execution.Processes;

/// <summary>
/// Runs each runtime in a bubblewrap sandbox (https://github.com/containers/bubblewrap): new pid, ipc, uts and mount
/// namespaces; read-only system directories, interpreter, bootstraps (<c>/var/runtime</c>) and code
/// (<c>/var/task</c>); a private <c>/tmp</c> tmpfs of EphemeralStorage; no view of the data directory, the server's
/// files or other functions. With <c>nimbus-init</c> (built from <c>Sandbox/nimbus-init.c</c>) a request that asks for an
/// isolated network also gets its own network namespace: loopback only, with the Runtime API and the edge endpoint
/// bridged in from Unix sockets by <c>nimbus-init</c> as the namespace's PID 1 (see <see cref="SandboxNetwork"/>).
/// With a <see cref="CgroupController"/>, every sandbox is born inside its own cgroup: a <c>/bin/sh</c> wrapper
/// writes its own pid into the cgroup and then execs bwrap, so bwrap, the namespace's init and the runtime all
/// inherit it — no window in which user code runs unlimited (which placing bwrap's pid after spawn would leave,
/// since bwrap forks the sandbox before any fd handshake).
/// </summary>
internal sealed class BubblewrapProcessLauncher : IProcessLauncher
{
    /// <summary>Where <c>nimbus-init</c> is shown inside a sandbox.</summary>
    private const string SandboxInit = "/run/nimbus/init";
    private const string SandboxEdgeDirectory = "/run/nimbus/edge";

    private const string Shell = "/bin/sh";
    // Writes the wrapper shell's pid into each cgroup.procs given (count first), then becomes bwrap.
    private const string EnterCgroups = "n=$1; shift; while [ \"$n\" -gt 0 ]; do echo $$ > \"$1\" || exit 126; shift; n=$((n-1)); done; exec \"$@\"";

    private static readonly string[] _systemDirectories = ["/usr", "/lib", "/lib64", "/lib32", "/bin", "/sbin"];
    // What runtimes read from /etc: name resolution and TLS roots (the AWS SDK), users, time zone data.
    private static readonly string[] _etcFiles =
    [
        "/etc/hosts", "/etc/resolv.conf", "/etc/nsswitch.conf", "/etc/host.conf", "/etc/gai.conf", "/etc/ssl",
        "/etc/ca-certificates", "/etc/pki", "/etc/passwd", "/etc/group", "/etc/localtime", "/etc/ld.so.cache",
        "/etc/alternatives",
    ];

    private readonly PosixProcessLauncher _spawner = new();
    private readonly System.Collections.Concurrent.BlockingCollection<(ProcessLaunchRequest Request, TaskCompletionSource<IProcessHandle> Result)> _spawns = [];
    private readonly string _bwrap;
    private readonly CgroupController? _cgroups;
    private readonly string? _init;

    public BubblewrapProcessLauncher(string bwrap, CgroupController? cgroups, string? init = null)
    {
        _bwrap = bwrap;
        _cgroups = cgroups;
        _init = init;
        IsolationLevel = "bubblewrap" + (init is null ? "" : "+netns")
            + (cgroups is null ? "" : "+cgroup-v" + cgroups.Version.ToString(CultureInfo.InvariantCulture));
        new Thread(SpawnLoop) { IsBackground = true, Name = "nimbus-sandbox-spawner" }.Start();
    }

    public string IsolationLevel { get; }

    public bool ConfinesFilesystem => true;

    public bool IsolatesNetwork => _init is not null;

    public IProcessHandle Start(ProcessLaunchRequest request)
    {
        // bwrap reports a missing command only from inside the sandbox (exit 1); check here so the engine keeps
        // Lambda's Runtime.InvalidEntrypoint for a provided.* package without an executable bootstrap.
        var hostExecutable = HostPath(request, request.Executable);
        if (!File.Exists(hostExecutable) || (File.GetUnixFileMode(hostExecutable) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) == 0)
        {
            throw new Win32Exception(File.Exists(hostExecutable) ? 13 : 2, $"posix_spawn {request.Executable} failed");
        }
        var argv = new List<string>(64);
        var cgroup = _cgroups?.Create("env-" + (request.Name ?? Guid.NewGuid().ToString("N")), request.MemorySizeMb);
        if (cgroup is not null)
        {
            argv.AddRange([Shell, "-c", EnterCgroups, "sh", cgroup.Directories.Count.ToString(CultureInfo.InvariantCulture)]);
            argv.AddRange(cgroup.ProcsFiles);
        }
        argv.Add(_bwrap);
        AddSandboxArguments(argv, request, _init);
        IProcessHandle inner;
        try
        {
            var spawned = new TaskCompletionSource<IProcessHandle>(TaskCreationOptions.RunContinuationsAsynchronously);
            _spawns.Add((new ProcessLaunchRequest(argv[0], argv, new Dictionary<string, string>(), "/")
            {
                StandardInputPipe = request.StandardInputPipe,
            }, spawned));
            inner = spawned.Task.GetAwaiter().GetResult();
        }
        catch
        {
            cgroup?.Remove();
            throw;
        }
        return new SandboxedProcess(inner, cgroup);
    }

    /// <summary>
    /// Every sandbox is spawned from this one long-lived thread. <c>--die-with-parent</c> is PR_SET_PDEATHSIG, which
    /// fires when the spawning <em>thread</em> exits, not the process: spawned from a pool thread, a sandbox would be
    /// SIGKILLed whenever the pool retired that thread. This thread lives as long as the server, so sandboxes still die
    /// with the server and only then.
    /// </summary>
    private void SpawnLoop()
    {
        foreach (var (request, result) in _spawns.GetConsumingEnumerable())
        {
            try
            {
                result.TrySetResult(_spawner.Start(request));
            }
            catch (Exception exception)
            {
                result.TrySetException(exception);
            }
        }
    }

    private static void AddSandboxArguments(List<string> argv, ProcessLaunchRequest request, string? init)
    {
        // Run as root, bwrap keeps every capability: a function could then load kernel modules or, when the network is
        // shared, reconfigure the host's. It gets none, like Lambda's sandbox user.
        argv.AddRange(["--cap-drop", "ALL", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--die-with-parent", "--new-session"]);
        var network = init is null ? null : request.Network;
        if (network is not null)
        {
            // nimbus-init is the namespace's PID 1 (reaping, exit status as bwrap's init reports it) and its bridge.
            argv.AddRange(["--unshare-net", "--as-pid-1", "--ro-bind", init!, SandboxInit, "--ro-bind", network.RunDirectory, SandboxNetwork.SandboxRunDirectory]);
            if (network.EdgeSocket is { } edge)
            {
                argv.AddRange(["--ro-bind", Path.GetDirectoryName(edge)!, SandboxEdgeDirectory]);
            }
        }
        foreach (var directory in _systemDirectories)
        {
            argv.AddRange(["--ro-bind-try", directory, directory]);
        }
        foreach (var file in _etcFiles)
        {
            argv.AddRange(["--ro-bind-try", file, file]);
        }
        foreach (var directory in request.ReadOnlyDirectories)
        {
            if (!_systemDirectories.Any(system => directory == system || directory.StartsWith(system + "/", StringComparison.Ordinal)))
            {
                argv.AddRange(["--ro-bind", directory, directory]);
            }
        }
        if (request.RuntimeDirectory is { } runtime)
        {
            argv.AddRange(["--ro-bind", runtime, "/var/runtime"]);
        }
        if (request.CodeDirectory is { } code)
        {
            argv.AddRange(["--ro-bind", code, "/var/task"]);
        }
        foreach (var (host, sandbox) in request.ReadOnlyMounts)
        {
            argv.AddRange(["--ro-bind", host, sandbox]);
        }
        if (request.EphemeralStorageMb > 0)
        {
            argv.AddRange(["--size", ((long)request.EphemeralStorageMb * 1024 * 1024).ToString(CultureInfo.InvariantCulture)]);
        }
        argv.AddRange(["--tmpfs", "/tmp", "--proc", "/proc", "--dev", "/dev", "--chdir", request.WorkingDirectory, "--clearenv"]);
        foreach (var (key, value) in request.Environment)
        {
            argv.AddRange(["--setenv", key, value]);
        }
        argv.Add("--");
        if (network is not null)
        {
            argv.AddRange([SandboxInit, "-f", SandboxNetwork.RuntimeApiPort.ToString(CultureInfo.InvariantCulture) + "=" + SandboxNetwork.SandboxRuntimeApiSocket]);
            if (network.EdgeSocket is { } edge)
            {
                argv.AddRange(["-f", network.EdgePort.ToString(CultureInfo.InvariantCulture) + "=" + SandboxEdgeDirectory + "/" + Path.GetFileName(edge)]);
            }
            argv.Add("--");
        }
        argv.Add(request.Executable);
        argv.AddRange(request.Arguments.Skip(1));
    }

    private static string HostPath(ProcessLaunchRequest request, string path) =>
        request.CodeDirectory is { } code && path.StartsWith("/var/task/", StringComparison.Ordinal) ? Path.Combine(code, path["/var/task/".Length..])
        : request.RuntimeDirectory is { } runtime && path.StartsWith("/var/runtime/", StringComparison.Ordinal) ? Path.Combine(runtime, path["/var/runtime/".Length..])
        : path;

    /// <summary>
    /// The launcher this host supports: bubblewrap with cgroups, bubblewrap alone, or null (with the reason) when
    /// bwrap is missing or cannot create namespaces here (e.g. an unprivileged container).
    /// </summary>
    public static BubblewrapProcessLauncher? TryCreate(out string? problem)
    {
        var bwrap = ((string[])["/usr/bin/bwrap", "/usr/local/bin/bwrap", "/bin/bwrap"]).FirstOrDefault(File.Exists);
        if (bwrap is null)
        {
            problem = "bubblewrap (bwrap) is not installed";
            return null;
        }
        if (!Probe(bwrap, null, null, out problem))
        {
            return null;
        }
        var init = FindInit(out var networkProblem);
        if (init is not null)
        {
            var run = Directory.CreateTempSubdirectory("nimbus-probe-");
            try
            {
                if (!Probe(bwrap, init, new SandboxNetwork(run.FullName, null, 0), out networkProblem))
                {
                    init = null;
                }
            }
            finally
            {
                run.Delete(recursive: true);
            }
        }
        var cgroups = CgroupController.Detect(out var cgroupProblem);
        if (cgroups is not null)
        {
            try
            {
                cgroups.Create("probe-" + Guid.NewGuid().ToString("N"), 128).Remove();
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                cgroups = null;
                cgroupProblem = "cgroups are not writable: " + exception.Message;
            }
        }
        problem = string.Join("; ", new[] { networkProblem, cgroupProblem }.Where(p => p is not null)) is { Length: > 0 } both ? both : null;
        return new BubblewrapProcessLauncher(bwrap, cgroups, init) { NetworkProblem = networkProblem };
    }

    /// <summary>Why sandboxes share the host's network (null when each gets its own namespace).</summary>
    public string? NetworkProblem { get; private init; }

    /// <summary><c>nimbus-init</c>, built next to the assembly when a C compiler was there at build time.</summary>
    private static string? FindInit(out string? problem)
    {
        var init = Path.Combine(AppContext.BaseDirectory, "nimbus-init");
        problem = File.Exists(init) ? null
            : "nimbus-init was not built (no C compiler at build time: install gcc, e.g. with ./nimbus setup, and rebuild), so sandboxes share the host network";
        return problem is null ? init : null;
    }

    /// <summary>Starts <c>/bin/true</c> in a sandbox like the real ones: namespaces and mounts must all work.</summary>
    private static bool Probe(string bwrap, string? init, SandboxNetwork? network, out string? problem)
    {
        var argv = new List<string> { bwrap };
        AddSandboxArguments(argv, new ProcessLaunchRequest("/bin/true", ["/bin/true"], new Dictionary<string, string>(), "/") { Network = network }, init);
        try
        {
            using var process = new PosixProcessLauncher().Start(new ProcessLaunchRequest(bwrap, argv, new Dictionary<string, string>(), "/"));
            var output = new List<byte>();
            var buffer = new byte[1024];
            while (true)
            {
                var exited = process.WaitForOutputOrExit();
                int n;
                while ((n = process.ReadAvailable(buffer)) > 0)
                {
                    output.AddRange(buffer.AsSpan(0, n).ToArray());
                }
                if (exited)
                {
                    break;
                }
            }
            var exit = process.Exited.Result;
            problem = exit is { ExitCode: 0, Signal: 0 }
                ? null
                : $"bubblewrap cannot create a sandbox{(network is null ? "" : " with its own network namespace")} here ({exit.Describe()}): {System.Text.Encoding.UTF8.GetString([.. output]).Trim()}";
            return problem is null;
        }
        catch (Win32Exception exception)
        {
            problem = "bubblewrap cannot be started: " + exception.Message;
            return false;
        }
    }
}
