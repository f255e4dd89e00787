using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Nimbus.Execution;

/// <summary>
/// The AWS SDK for Python as AWS's Python runtimes ship it: boto3, botocore and their pure-Python dependencies are
/// importable by every function without being in its zip
/// (https://docs.aws.amazon.com/lambda/latest/dg/lambda-python.html, "The runtime includes the AWS SDK for Python").
/// Nimbus takes them from the host's <c>python3</c> (all pure Python, so one installation serves every 3.x runtime);
/// when the host has no boto3, functions simply lack it. Located once, on the first Python launch; compiled once per
/// runtime interpreter (see <see cref="PythonSdkCache"/>), on that runtime's first launch.
/// </summary>
public sealed class PythonSdk
{
    // boto3's closure: boto3 → botocore, jmespath, s3transfer; botocore → python-dateutil (→ six), urllib3.
    private static readonly string[] Modules = ["boto3", "botocore", "s3transfer", "jmespath", "dateutil", "urllib3", "six"];

    // find_spec locates without importing (importing botocore alone costs ~100 ms).
    private const string LocateScript =
        "import importlib.util, json, os\n" +
        "found = {}\n" +
        "for name in NAMES:\n" +
        "    spec = importlib.util.find_spec(name)\n" +
        "    if spec is not None and spec.origin:\n" +
        "        found[name] = os.path.dirname(spec.origin) if spec.submodule_search_locations else spec.origin\n" +
        "print(json.dumps(found))\n";

    private readonly Lazy<IReadOnlyList<string>> _packages;
    private readonly Lazy<string?> _linkDirectory;
    private readonly ConcurrentDictionary<string, Lazy<string?>> _compiled = new(StringComparer.Ordinal);
    private readonly string _cacheRoot;
    private readonly TimeProvider _time;

    /// <param name="python">The interpreter whose installation provides the SDK (default: <c>python3</c> on PATH).</param>
    /// <param name="cacheRoot">Where compiled copies live (default: the user's cache, <c>~/.cache/nimbus/python-sdk</c>).</param>
    /// <param name="time">The clock that ages abandoned builds.</param>
    public PythonSdk(string python = "python3", string? cacheRoot = null, TimeProvider? time = null)
    {
        _cacheRoot = cacheRoot ?? PythonSdkCache.DefaultRoot();
        _time = time ?? TimeProvider.System;
        _packages = new Lazy<IReadOnlyList<string>>(() => Locate(python));
        _linkDirectory = new Lazy<string?>(() => Packages.Count == 0 ? null : CreateLinkDirectory(Packages));
    }

    /// <summary>The host paths of the SDK's top-level packages (directories, or a module file for <c>six</c>); empty when absent.</summary>
    public IReadOnlyList<string> Packages => _packages.Value;

    /// <summary>
    /// A directory holding only symbolic links to <see cref="Packages"/>, for PYTHONPATH of unsandboxed runtimes (the
    /// host's whole site-packages would expose far more than AWS's runtime has); null without an SDK.
    /// </summary>
    public string? LinkDirectory => _linkDirectory.Value;

    /// <summary>
    /// The copy of the SDK compiled by <paramref name="runtime"/>'s interpreter, made on the first call for that
    /// interpreter (concurrent callers wait for the one build); null without an SDK or when it cannot be made.
    /// </summary>
    public string? CompiledDirectory(RuntimeInfo runtime) =>
        Packages.Count == 0 || runtime.InterpreterPath is not { } interpreter ? null
        : _compiled.GetOrAdd(interpreter, key => new Lazy<string?>(
            () => PythonSdkCache.Prepare(_cacheRoot, runtime.Identifier, key, Packages, _time))).Value;

    /// <summary>
    /// What a sandbox of <paramref name="runtime"/> binds read-only (host path → sandbox path): the whole compiled copy
    /// as its site-packages (a top-level module such as <c>six.py</c> keeps its bytecode in the copy's own
    /// <c>__pycache__</c>), else each host package alone; empty without an SDK.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> SandboxMounts(RuntimeInfo runtime) =>
        CompiledDirectory(runtime) is { } compiled ? [KeyValuePair.Create(compiled, SandboxDirectory(runtime.Identifier))]
        : Packages.Select(p => KeyValuePair.Create(p, SandboxDirectory(runtime.Identifier) + "/" + Path.GetFileName(p))).ToList();

    /// <summary>For PYTHONPATH of an unsandboxed runtime: the compiled copy (which holds only the SDK), else <see cref="LinkDirectory"/>.</summary>
    public string? DirectoryFor(RuntimeInfo runtime) => CompiledDirectory(runtime) ?? LinkDirectory;

    /// <summary>Where a sandbox shows the packages: the runtime's site-packages, as on AWS (<c>/var/lang/lib/python3.12/site-packages</c>).</summary>
    public static string SandboxDirectory(string runtimeIdentifier) => $"/var/lang/lib/{runtimeIdentifier}/site-packages";

    private static IReadOnlyList<string> Locate(string python)
    {
        try
        {
            var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(LocateScript.Replace("NAMES", JsonSerializer.Serialize(Modules), StringComparison.Ordinal));
            using var process = Process.Start(start);
            if (process is null)
            {
                return [];
            }
            _ = process.StandardError.ReadToEndAsync(); // drained so a chatty interpreter cannot block
            var output = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(30_000) || process.ExitCode != 0)
            {
                return [];
            }
            var found = JsonSerializer.Deserialize<Dictionary<string, string>>(output) ?? [];
            // Without boto3 and botocore there is no SDK to offer; the others are useless alone.
            return found.ContainsKey("boto3") && found.ContainsKey("botocore")
                ? Modules.Where(found.ContainsKey).Select(m => found[m]).ToList()
                : [];
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or IOException or JsonException)
        {
            return [];
        }
    }

    /// <summary>
    /// Builds the link directory once per set of packages (named by their hash, so servers sharing a machine share
    /// it): created under a temporary name and renamed, so a reader never sees it half-made.
    /// </summary>
    private static string CreateLinkDirectory(IReadOnlyList<string> packages)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', packages))))[..16];
        var root = Path.Combine(Path.GetTempPath(), "nimbus-python-sdk");
        var directory = Path.Combine(root, hash);
        if (Directory.Exists(directory))
        {
            return directory;
        }
        var building = Path.Combine(root, hash + "." + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(building);
        foreach (var package in packages)
        {
            File.CreateSymbolicLink(Path.Combine(building, Path.GetFileName(package)), package);
        }
        try
        {
            Directory.Move(building, directory);
        }
        catch (IOException) when (Directory.Exists(directory))
        {
            Directory.Delete(building, recursive: true); // another server made it first
        }
        return directory;
    }
}
