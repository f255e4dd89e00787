using System.Globalization;

namespace Nimbus.Execution.Processes;

/// <summary>
/// Creates one cgroup per execution environment under a <c>nimbus</c> parent, in cgroup v2 (the unified hierarchy)
/// or v1 (one hierarchy per controller). Limits follow Lambda: memory = MemorySize with no swap, CPU in proportion
/// to memory (1,769 MB = one vCPU, https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html), and a
/// bound on processes.
/// </summary>
internal sealed class CgroupController
{
    internal const int PidsMax = 1024;
    private const int CpuPeriodMicros = 100_000;
    private readonly string _root;
    private readonly string[] _v1Parents;

    private CgroupController(int version, string root, string[] v1Parents)
    {
        Version = version;
        _root = root;
        _v1Parents = v1Parents;
    }

    /// <summary>1 or 2.</summary>
    public int Version { get; }

    /// <summary>
    /// Finds a writable cgroup hierarchy and prepares the <c>nimbus</c> parent, or returns null (with the reason)
    /// when there is none: no cgroupfs, read-only (an unprivileged container), or a controller missing.
    /// </summary>
    public static CgroupController? Detect(out string? reason, string root = "/sys/fs/cgroup")
    {
        try
        {
            if (File.Exists(Path.Combine(root, "cgroup.controllers")))
            {
                var available = File.ReadAllText(Path.Combine(root, "cgroup.controllers")).Split(' ', StringSplitOptions.TrimEntries);
                foreach (var needed in (string[])["memory", "cpu", "pids"])
                {
                    if (!available.Contains(needed))
                    {
                        reason = $"cgroup v2 controller '{needed}' is not available";
                        return null;
                    }
                }
                var nimbus = Path.Combine(root, "nimbus");
                var parent = Path.Combine(nimbus, ServerDirectory);
                Directory.CreateDirectory(nimbus);
                RemoveStale(nimbus);
                // Children get controllers only from their parent's subtree_control (root's first).
                File.WriteAllText(Path.Combine(root, "cgroup.subtree_control"), "+memory +cpu +pids");
                File.WriteAllText(Path.Combine(nimbus, "cgroup.subtree_control"), "+memory +cpu +pids");
                Directory.CreateDirectory(parent);
                File.WriteAllText(Path.Combine(parent, "cgroup.subtree_control"), "+memory +cpu +pids");
                reason = null;
                return new CgroupController(2, parent, []);
            }
            var parents = new List<string>();
            foreach (var controller in (string[])["memory", "cpu", "pids"])
            {
                var mount = Path.Combine(root, controller);
                if (!File.Exists(Path.Combine(mount, "cgroup.procs")))
                {
                    reason = $"cgroup v1 controller '{controller}' is not mounted at {mount}";
                    return null;
                }
                var nimbus = Path.Combine(mount, "nimbus");
                Directory.CreateDirectory(nimbus);
                RemoveStale(nimbus);
                var parent = Path.Combine(nimbus, ServerDirectory);
                Directory.CreateDirectory(parent);
                parents.Add(parent);
            }
            reason = null;
            return new CgroupController(1, root, [.. parents]);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            reason = "cgroups are not writable: " + exception.Message;
            return null;
        }
    }

    /// <summary>
    /// Creates the cgroup of one environment with its memory and pids limits set; nothing is in it yet. The CPU quota
    /// is applied by <see cref="Cgroup.ApplyCpuQuota"/> once init is over.
    /// </summary>
    public Cgroup Create(string name, int memorySizeMb)
    {
        var directories = Version == 2 ? [Path.Combine(_root, name)] : _v1Parents.Select(parent => Path.Combine(parent, name)).ToArray();
        foreach (var directory in directories)
        {
            Directory.CreateDirectory(directory);
        }
        var cgroup = new Cgroup(Version, directories);
        try
        {
            cgroup.Limit(memorySizeMb);
            var invariant = CultureInfo.InvariantCulture;
            if (Version == 1)
            {
                File.WriteAllText(Path.Combine(directories[1], "cpu.cfs_period_us"), CpuPeriodMicros.ToString(invariant));
            }
            File.WriteAllText(Path.Combine(directories[^1], "pids.max"), PidsMax.ToString(invariant));
        }
        catch
        {
            cgroup.Remove();
            throw;
        }
        return cgroup;
    }

    /// <summary>Each server (or test process) gets its own parent, so that it can clean up after a crashed one safely.</summary>
    private static string ServerDirectory => "server-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Removes the cgroups of servers that are gone (killed before they could remove them).</summary>
    private static void RemoveStale(string nimbus)
    {
        foreach (var server in Directory.EnumerateDirectories(nimbus, "server-*"))
        {
            var pid = Path.GetFileName(server)["server-".Length..];
            if (Directory.Exists("/proc/" + pid))
            {
                continue;
            }
            foreach (var environment in Directory.EnumerateDirectories(server))
            {
                new Cgroup(1, [environment]).Remove();
            }
            try
            {
                Directory.Delete(server);
            }
            catch (IOException)
            {
                // Still busy: the next start-up tries again.
            }
        }
    }
}
