using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Nimbus.Execution.StemCells;

namespace Nimbus.Execution;

/// <summary>
/// Compiled copies of the AWS SDK for Python, one per runtime interpreter. The host's boto3 carries bytecode for the
/// host's Python only (say <c>cpython-311</c>); a <c>python3.12</c> function would compile botocore in memory on every
/// cold start (about 0.5 s of CPU, seconds on a busy machine) and, with <c>/var/lang</c> read-only, never keep it. So
/// once per interpreter and SDK installation the packages are hard-linked (copied across filesystems) into a new
/// directory, compiled by that very interpreter, and published by renaming: a reader sees a whole copy or none, two
/// servers racing both build and one rename wins, and a crash leaves only a temporary directory that is swept later.
/// </summary>
internal static class PythonSdkCache
{
    private const string BuildingSuffix = ".building";

    // Far beyond any build: an older temporary directory was left by a crashed or killed server.
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(1);

    private static readonly TimeSpan CompileTimeout = TimeSpan.FromMinutes(5);

    // Timestamp pycs (not unchecked hashes): should a source ever change under its hard link, Python notices and
    // compiles that file rather than running stale bytecode. os.sync() so a power cut cannot publish empty .pyc files.
    // compile_dir answers false when a file does not compile for this version; the others are still worth having.
    private const string CompileScript =
        "import compileall, os, py_compile, sys\n" +
        "compileall.compile_dir(sys.argv[1], quiet=1, invalidation_mode=py_compile.PycInvalidationMode.TIMESTAMP)\n" +
        "os.sync()\n";

    /// <summary>
    /// The per-user cache, shared by every server of the user: <c>$NIMBUS_CACHE_DIR/python-sdk</c> (the variable the
    /// examples' packaging honours too), else <c>$XDG_CACHE_HOME/nimbus/python-sdk</c>, else <c>~/.cache/nimbus/…</c>.
    /// </summary>
    public static string DefaultRoot()
    {
        var nimbus = Environment.GetEnvironmentVariable("NIMBUS_CACHE_DIR");
        if (string.IsNullOrEmpty(nimbus))
        {
            var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            if (string.IsNullOrEmpty(cache))
            {
                var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
                cache = string.IsNullOrEmpty(home) ? Path.GetTempPath() : Path.Combine(home, ".cache");
            }
            nimbus = Path.Combine(cache, "nimbus");
        }
        return Path.Combine(nimbus, "python-sdk");
    }

    /// <summary>
    /// The compiled copy of <paramref name="packages"/> for <paramref name="interpreter"/> under <paramref name="root"/>,
    /// built now if missing; null when it cannot be built (then the host's packages serve, uncompiled).
    /// </summary>
    public static string? Prepare(string root, string runtimeIdentifier, string interpreter, IReadOnlyList<string> packages, TimeProvider time)
    {
        var directory = Path.Combine(root, runtimeIdentifier + "-" + Fingerprint(interpreter, packages));
        if (Directory.Exists(directory))
        {
            return directory;
        }
        try
        {
            Directory.CreateDirectory(root);
            SweepAbandoned(root, time.GetUtcNow().UtcDateTime);
            var building = directory + "." + Guid.NewGuid().ToString("N")[..8] + BuildingSuffix;
            Directory.CreateDirectory(building);
            try
            {
                foreach (var package in packages)
                {
                    Copy(package, Path.Combine(building, Path.GetFileName(package)));
                }
                if (!Compile(interpreter, building))
                {
                    return null;
                }
                try
                {
                    Directory.Move(building, directory);
                }
                catch (IOException) when (Directory.Exists(directory))
                {
                    // Another server published the same copy first; its copy is as good as ours.
                }
                return directory;
            }
            finally
            {
                if (Directory.Exists(building))
                {
                    Directory.Delete(building, recursive: true);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Names a copy by what makes it valid: the interpreter (its path and build) and each package's place and last
    /// change (pip replaces a package's files on upgrade), so an upgrade on either side gets a fresh copy.
    /// </summary>
    private static string Fingerprint(string interpreter, IReadOnlyList<string> packages)
    {
        var text = new StringBuilder();
        var binary = new FileInfo(interpreter).ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? new FileInfo(interpreter);
        text.Append(binary.FullName).Append('|').Append(binary.Length).Append('|').Append(Ticks(binary.FullName)).Append('\n');
        foreach (var package in packages)
        {
            var marker = Directory.Exists(package) ? Path.Combine(package, "__init__.py") : package;
            text.Append(package).Append('|').Append(Ticks(package)).Append('|').Append(Ticks(marker)).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    private static string Ticks(string path) => File.GetLastWriteTimeUtc(path).Ticks.ToString(CultureInfo.InvariantCulture);

    /// <summary>A package's sources and data (not the host's bytecode, which is for another Python) into the build.</summary>
    private static void Copy(string package, string destination)
    {
        if (File.Exists(package))
        {
            CodeTree.LinkFile(package, destination);
            return;
        }
        Directory.CreateDirectory(destination);
        CodeTree.Link(package, destination, entry => !(entry.Name == "__pycache__" || entry.Name.EndsWith(".pyc", StringComparison.Ordinal)));
    }

    private static bool Compile(string interpreter, string directory)
    {
        var start = new ProcessStartInfo(interpreter) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(CompileScript);
        start.ArgumentList.Add(directory);
        // The host's settings for its own Python must not steer the runtime's (SOURCE_DATE_EPOCH would switch to hashes).
        foreach (var variable in new[] { "PYTHONPATH", "PYTHONHOME", "PYTHONPYCACHEPREFIX", "PYTHONDONTWRITEBYTECODE", "SOURCE_DATE_EPOCH" })
        {
            start.Environment.Remove(variable);
        }
        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                return false;
            }
            // Drained so a chatty compile (one line per file that does not compile) cannot block on a full pipe.
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(CompileTimeout))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static void SweepAbandoned(string root, DateTime now)
    {
        foreach (var abandoned in new DirectoryInfo(root).EnumerateDirectories("*" + BuildingSuffix))
        {
            // A build lasts seconds (the compile at most CompileTimeout), so one untouched for an hour was abandoned.
            if (now - abandoned.LastWriteTimeUtc > AbandonedAfter)
            {
                try
                {
                    abandoned.Delete(recursive: true);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    // Another server sweeping the same one; whoever is second finds nothing left.
                }
            }
        }
    }
}
