using System.Text.Json;
using Nimbus.Execution.Processes;
using Nimbus.Execution.Tests.Infrastructure;

namespace Nimbus.Execution.Tests;

/// <summary>
/// AWS's Python runtimes ship boto3: a function imports it without bundling it, the SDK follows AWS_ENDPOINT_URL to
/// Nimbus, and a boto3 in the function's own zip wins over the runtime's. The host's boto3 (which the test suites
/// need anyway) is the one Nimbus offers.
/// </summary>
public sealed class PythonSdkTests
{
    private const string Runtime = "python3.12";

    private const string Probe = """
        import boto3, botocore, sys
        def handler(event, context):
            return {"boto3": boto3.__file__, "version": boto3.__version__, "botocore": botocore.__version__,
                    "endpoint": boto3.client("s3").meta.endpoint_url, "python": sys.version_info[:2]}
        """;

    public static TheoryData<string> Launchers => ["sandbox", "process"];

    [Theory]
    [MemberData(nameof(Launchers))]
    public async Task ImportBoto3_WithoutBundlingIt_GivesTheRuntimesSdk_WhichTalksToTheEndpoint(string launcher)
    {
        using var harness = Harness(launcher);
        var found = await InvokeAsync(harness, harness.WriteCode(("app.py", Probe)));

        Assert.Equal(HostBoto3Version(), found.GetProperty("version").GetString());
        Assert.Equal("http://127.0.0.1:4566", found.GetProperty("endpoint").GetString());
        Assert.Equal(12, found.GetProperty("python")[1].GetInt32());
        if (harness.Launcher.ConfinesFilesystem)
        {
            // Where AWS's python3.12 keeps it (the host's path stays out of the sandbox).
            Assert.Equal("/var/lang/lib/python3.12/site-packages/boto3/__init__.py", found.GetProperty("boto3").GetString());
        }
    }

    [Theory]
    [MemberData(nameof(Launchers))]
    public async Task ImportBoto3_WhenTheZipBundlesOne_TheBundledOneWins(string launcher)
    {
        using var harness = Harness(launcher);
        var code = harness.WriteCode(("app.py", Probe), ("boto3/__init__.py", """
            __version__ = "0.0.bundled"
            def client(name):
                class Meta: endpoint_url = "bundled"
                class Client: meta = Meta()
                return Client()
            """));

        var found = await InvokeAsync(harness, code);

        Assert.Equal("0.0.bundled", found.GetProperty("version").GetString());
        Assert.Equal(harness.TaskRoot(code) + "/boto3/__init__.py", found.GetProperty("boto3").GetString());
        Assert.Equal(HostBotocoreVersion(), found.GetProperty("botocore").GetString()); // the rest still from the runtime
    }

    [Fact]
    public async Task ImportBoto3_FromAStemCell_Works()
    {
        using var harness = new EngineHarness(stemCells: 1);
        await InvokeAsync(harness, harness.WriteCode(("app.py", Probe))); // primes the pool
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (harness.Engine.StemCells!.Booted < 1)
        {
            Assert.True(DateTime.UtcNow < deadline, "Stalled waiting for a booted stem cell");
            await Task.Delay(20);
        }

        var found = await InvokeAsync(harness, harness.WriteCode(("app.py", Probe)));

        Assert.Equal(1, harness.Engine.StemCells!.Specialised);
        Assert.Equal(HostBoto3Version(), found.GetProperty("version").GetString());
    }

    // Python runs a module from its .pyc only when the header matches this interpreter (magic) and the source (mtime,
    // size); otherwise it compiles the source in memory, which is what the compiled copy exists to avoid. Checks every
    // SDK module the import and a client loaded, exactly as importlib's SourceLoader would.
    private const string BytecodeProbe = """
        import importlib.util, os, sys
        import boto3
        boto3.client("s3")
        SDK = {"boto3", "botocore", "s3transfer", "jmespath", "dateutil", "urllib3", "six"}
        def handler(event, context):
            checked, compiled_at_import = 0, []
            for name, module in list(sys.modules.items()):
                source = getattr(module, "__file__", None)
                if name.split(".")[0] not in SDK or not source or not source.endswith(".py"):
                    continue
                checked += 1
                try:
                    with open(importlib.util.cache_from_source(source), "rb") as pyc:
                        header = pyc.read(16)
                except OSError:
                    compiled_at_import.append(name)
                    continue
                stat = os.stat(source)
                word = lambda at: int.from_bytes(header[at:at + 4], "little")
                if (header[:4] != importlib.util.MAGIC_NUMBER or word(4) != 0
                        or word(8) != int(stat.st_mtime) & 0xFFFFFFFF or word(12) != stat.st_size & 0xFFFFFFFF):
                    compiled_at_import.append(name)
            return {"checked": checked, "compiledAtImport": compiled_at_import, "tag": sys.implementation.cache_tag,
                    "botocore": sys.modules["botocore"].__file__}
        """;

    [Theory]
    [MemberData(nameof(Launchers))]
    public async Task ImportBoto3_InARuntimeOtherThanTheHostsPython_LoadsBytecodeCompiledForThatRuntime(string launcher)
    {
        using var harness = Harness(launcher);
        var found = await InvokeAsync(harness, harness.WriteCode(("app.py", BytecodeProbe)));

        // The host's boto3 carries cpython-311 bytecode only: without the compiled copy every module below would be listed.
        Assert.Equal("cpython-312", found.GetProperty("tag").GetString());
        Assert.True(found.GetProperty("checked").GetInt32() > 50, found.ToString());
        Assert.Empty(found.GetProperty("compiledAtImport").EnumerateArray());
        if (!harness.Launcher.ConfinesFilesystem)
        {
            var runtime = EngineHarness.Catalog.All.First(r => r.Identifier == Runtime);
            Assert.StartsWith(runtime.Sdk!.CompiledDirectory(runtime)! + "/", found.GetProperty("botocore").GetString());
        }
    }

    private static EngineHarness Harness(string launcher) =>
        launcher == "process" || TestIsolation.Sandbox is null ? new EngineHarness(launcher: new PosixProcessLauncher()) : new EngineHarness(launcher: TestIsolation.Sandbox);

    private static async Task<JsonElement> InvokeAsync(EngineHarness harness, string code)
    {
        var outcome = await harness.InvokeAsync(EngineHarness.Spec(Runtime, "app.handler", code, timeoutSeconds: 10), EngineHarness.Request());
        var text = System.Text.Encoding.UTF8.GetString(outcome.Payload.Span);
        Assert.True(outcome.Status == InvocationStatus.Success, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string HostBoto3Version() => HostVersion("boto3");

    private static string HostBotocoreVersion() => HostVersion("botocore");

    private static string HostVersion(string module)
    {
        var packages = EngineHarness.Catalog.All.First(r => r.Identifier == Runtime).Sdk!.Packages;
        Assert.NotEmpty(packages); // the test suites need boto3 on the host; without it this feature has nothing to offer
        var init = File.ReadAllText(Path.Combine(packages.First(p => Path.GetFileName(p) == module), "__init__.py"));
        return System.Text.RegularExpressions.Regex.Match(init, "__version__ = '([^']+)'").Groups[1].Value;
    }
}
