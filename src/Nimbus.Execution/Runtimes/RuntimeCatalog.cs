using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Nimbus.Execution;

/// <summary>
/// Maps each Lambda runtime identifier to an interpreter on this host. A runtime is available only when an
/// interpreter of exactly that language version is present (<c>nodejs20.x</c> needs Node 20,
/// <c>python3.12</c> needs Python 3.12), or when configuration names one explicitly.
/// </summary>
public sealed partial class RuntimeCatalog
{
    // The identifiers of the Lambda model's Runtime enum. Blocked ones are past AWS's "block create" date:
    // https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html#runtimes-deprecated
    private static readonly string[] NodeVersions = ["18", "20", "22", "24"];
    private static readonly string[] PythonVersions = ["3.9", "3.10", "3.11", "3.12", "3.13", "3.14"];
    private static readonly string[] BlockedIdentifiers =
    [
        "nodejs", "nodejs4.3", "nodejs4.3-edge", "nodejs6.10", "nodejs8.10", "nodejs10.x", "nodejs12.x", "nodejs14.x",
        "nodejs16.x", "nodejs18.x", "python2.7", "python3.6", "python3.7", "python3.8", "python3.9", "java8",
        "dotnetcore1.0", "dotnetcore2.0", "dotnetcore2.1", "dotnetcore3.1", "dotnet6", "go1.x", "ruby2.5", "ruby2.7",
        "provided",
    ];
    private static readonly string[] UnsupportedIdentifiers =
    [
        "java8.al2", "java11", "java17", "java21", "java25", "dotnet8", "dotnet10", "ruby3.2", "ruby3.3", "ruby3.4", "ruby4.0",
    ];

    private readonly Dictionary<string, RuntimeInfo> _runtimes;

    public RuntimeCatalog(IReadOnlyDictionary<string, string>? interpreterOverrides = null)
    {
        _runtimes = Discover(interpreterOverrides ?? new Dictionary<string, string>());
    }

    public IEnumerable<RuntimeInfo> All => _runtimes.Values.OrderBy(r => r.Identifier, StringComparer.Ordinal);

    /// <summary>Identifiers a function can be created with on this host, for errors and <c>/_nimbus/health</c>.</summary>
    public IReadOnlyList<string> AvailableIdentifiers =>
        All.Where(r => r.IsAvailable && !r.IsBlocked).Select(r => r.Identifier).ToList();

    /// <summary>Looks up an identifier of the Lambda model (available here or not).</summary>
    public bool TryGet(string identifier, out RuntimeInfo runtime) => _runtimes.TryGetValue(identifier, out runtime!);

    private static Dictionary<string, RuntimeInfo> Discover(IReadOnlyDictionary<string, string> overrides)
    {
        var runtimes = new Dictionary<string, RuntimeInfo>(StringComparer.Ordinal);
        var nodes = FindNodeInterpreters();
        var sdk = new PythonSdk(); // located lazily, on the first Python launch
        foreach (var major in NodeVersions)
        {
            Add(runtimes, overrides, $"nodejs{major}.x", RuntimeFamily.NodeJs, nodes.GetValueOrDefault(major));
        }
        foreach (var version in PythonVersions)
        {
            Add(runtimes, overrides, $"python{version}", RuntimeFamily.Python, FindPython(version));
            runtimes[$"python{version}"] = runtimes[$"python{version}"] with { Sdk = sdk };
        }
        Add(runtimes, overrides, "provided.al2", RuntimeFamily.OsOnly, "/bin/sh");
        Add(runtimes, overrides, "provided.al2023", RuntimeFamily.OsOnly, "/bin/sh");
        foreach (var id in BlockedIdentifiers)
        {
            runtimes.TryAdd(id, new RuntimeInfo(id, FamilyOf(id)) { IsBlocked = true });
        }
        foreach (var id in UnsupportedIdentifiers)
        {
            runtimes.TryAdd(id, new RuntimeInfo(id, RuntimeFamily.Unsupported));
        }
        return runtimes;
    }

    private static void Add(Dictionary<string, RuntimeInfo> runtimes, IReadOnlyDictionary<string, string> overrides,
        string id, RuntimeFamily family, string? discovered)
    {
        var path = overrides.GetValueOrDefault(id) ?? discovered;
        var available = path is not null && File.Exists(path);
        runtimes[id] = new RuntimeInfo(id, family)
        {
            InterpreterPath = available && family != RuntimeFamily.OsOnly ? path : null,
            IsAvailable = available,
            IsBlocked = BlockedIdentifiers.Contains(id),
        };
    }

    private static RuntimeFamily FamilyOf(string id) =>
        id.StartsWith("nodejs", StringComparison.Ordinal) ? RuntimeFamily.NodeJs
        : id.StartsWith("python", StringComparison.Ordinal) ? RuntimeFamily.Python
        : id.StartsWith("provided", StringComparison.Ordinal) ? RuntimeFamily.OsOnly
        : RuntimeFamily.Unsupported;

    /// <summary>Every <c>node</c> on PATH and in the usual places, by major version (asks each for its version once).</summary>
    private static Dictionary<string, string> FindNodeInterpreters()
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        var candidates = SearchPath("node").Concat(["/usr/bin/node", "/usr/local/bin/node"])
            .Concat(Directory.Exists("/opt") ? Directory.EnumerateDirectories("/opt", "node*").Select(d => Path.Combine(d, "bin", "node")) : [])
            .Where(File.Exists)
            .Select(p => Path.GetFullPath(p))
            .Distinct();
        foreach (var candidate in candidates)
        {
            var major = NodeMajorVersion(candidate);
            if (major is not null)
            {
                found.TryAdd(major, candidate);
            }
        }
        return found;
    }

    private static string? NodeMajorVersion(string node)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(node, "--version") { RedirectStandardOutput = true, UseShellExecute = false });
            if (process is null)
            {
                return null;
            }
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit(5000);
            var match = NodeVersionPattern().Match(output);
            return match.Success ? match.Groups[1].Value : null;
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or IOException)
        {
            return null;
        }
    }

    /// <summary>A real <c>python3.X</c> binary: on PATH (skipping pyenv shims), in /usr, or in a pyenv installation.</summary>
    private static string? FindPython(string version)
    {
        var name = "python" + version;
        var pyenvRoot = Environment.GetEnvironmentVariable("PYENV_ROOT")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv");
        var pyenv = Directory.Exists(Path.Combine(pyenvRoot, "versions"))
            ? Directory.EnumerateDirectories(Path.Combine(pyenvRoot, "versions"), version + ".*")
                .OrderByDescending(d => d, StringComparer.Ordinal)
                .Select(d => Path.Combine(d, "bin", name))
            : [];
        return SearchPath(name)
            .Where(p => !p.Contains("/shims/", StringComparison.Ordinal))
            .Concat([$"/usr/bin/{name}", $"/usr/local/bin/{name}"])
            .Concat(pyenv)
            .FirstOrDefault(File.Exists);
    }

    private static IEnumerable<string> SearchPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name));

    [GeneratedRegex(@"^v(\d+)\.")]
    private static partial Regex NodeVersionPattern();
}
