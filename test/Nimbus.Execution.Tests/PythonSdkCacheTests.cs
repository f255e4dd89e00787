using Microsoft.Extensions.Time.Testing;
using Nimbus.Execution.Tests.Infrastructure;

namespace Nimbus.Execution.Tests;

/// <summary>
/// The compiled copy of the host's boto3 per runtime interpreter: built once, published whole by a rename so that
/// concurrent servers and a crash mid-build never expose half a copy, and swept when a crash left a build behind.
/// </summary>
public sealed class PythonSdkCacheTests : IDisposable
{
    private const string Runtime = "python3.12";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "nimbus-sdk-cache-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task CompiledDirectory_WantedByTwoServersAtOnce_IsOneWholeCopyCompiledForTheRuntime()
    {
        var runtime = EngineHarness.Catalog.All.First(r => r.Identifier == Runtime);
        var first = new PythonSdk(cacheRoot: _root);
        var second = new PythonSdk(cacheRoot: _root);

        var built = await Task.WhenAll(Task.Run(() => first.CompiledDirectory(runtime)), Task.Run(() => second.CompiledDirectory(runtime)));

        Assert.NotNull(built[0]);
        Assert.Equal(built[0], built[1]);
        Assert.Equal([built[0]!], Directory.GetDirectories(_root)); // the loser's build is gone, nothing half-made remains
        var botocore = Path.Combine(built[0]!, "botocore");
        Assert.True(File.Exists(Path.Combine(botocore, "__pycache__", "__init__.cpython-312.pyc")));
        Assert.True(File.Exists(Path.Combine(botocore, "data", "s3", "2006-03-01", "service-2.json.gz")), "data files come along");
        // Only this runtime's bytecode: the host's for its own Python stays behind.
        Assert.All(Directory.GetFiles(built[0]!, "*.pyc", SearchOption.AllDirectories), pyc => Assert.Contains(".cpython-312.", pyc));
        Assert.Equal(first.Packages.Select(Path.GetFileName).Order(),
            Directory.EnumerateFileSystemEntries(built[0]!).Select(Path.GetFileName).Where(n => n != "__pycache__").Order());
        Assert.Equal([KeyValuePair.Create(built[0]!, "/var/lang/lib/python3.12/site-packages")], first.SandboxMounts(runtime));
        Assert.Equal(built[0], first.DirectoryFor(runtime));
    }

    [Fact]
    public void CompiledDirectory_AfterACrashMidBuild_SweepsTheAbandonedBuild_AndKeepsOneStillInProgress()
    {
        var runtime = EngineHarness.Catalog.All.First(r => r.Identifier == Runtime);
        var abandoned = Directory.CreateDirectory(Path.Combine(_root, Runtime + "-0123456789abcdef.dead0001.building"));
        File.WriteAllText(Path.Combine(abandoned.FullName, "six.py"), "half written");
        var inProgress = Directory.CreateDirectory(Path.Combine(_root, Runtime + "-0123456789abcdef.live0001.building"));
        var clock = new FakeTimeProvider(abandoned.LastWriteTimeUtc.AddHours(2));
        Directory.SetLastWriteTimeUtc(inProgress.FullName, clock.GetUtcNow().UtcDateTime.AddMinutes(-1));

        var built = new PythonSdk(cacheRoot: _root, time: clock).CompiledDirectory(runtime);

        Assert.NotNull(built);
        Assert.False(Directory.Exists(abandoned.FullName));
        Assert.True(Directory.Exists(inProgress.FullName));
        Assert.True(File.Exists(Path.Combine(built!, "botocore", "__pycache__", "__init__.cpython-312.pyc")));
    }

    [Fact]
    public void CompiledDirectory_WhenTheCacheCannotBeWritten_FallsBackToTheHostsPackages()
    {
        var runtime = EngineHarness.Catalog.All.First(r => r.Identifier == Runtime);
        File.WriteAllText(_root, "a file where the cache directory should be");
        var sdk = new PythonSdk(cacheRoot: Path.Combine(_root, "cache"));

        Assert.Null(sdk.CompiledDirectory(runtime));
        Assert.Equal(sdk.Packages, sdk.SandboxMounts(runtime).Select(m => m.Key));
        Assert.Equal(sdk.LinkDirectory, sdk.DirectoryFor(runtime));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
        else if (File.Exists(_root))
        {
            File.Delete(_root);
        }
    }
}
