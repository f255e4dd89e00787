using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Nimbus.Core;
using Nimbus.Execution.Processes;

namespace Nimbus.Execution.Tests.Infrastructure;

/// <summary>A real engine over real processes, a temp code directory per function and an in-memory log sink.</summary>
internal sealed class EngineHarness : IDisposable
{
    private static readonly RuntimeCatalog _catalog = new();
    private readonly List<string> _directories = [];

    /// <param name="stemCells">Pre-started runtimes per kind; none unless a test is about them, so that launches stay countable.</param>
    /// <param name="edge">The edge endpoint functions are told about (default: 127.0.0.1:4566 with no Unix socket).</param>
    /// <param name="time">A fake clock for tests of time-based limits; the system clock otherwise.</param>
    public EngineHarness(ExecutionOptions? options = null, IProcessLauncher? launcher = null, int stemCells = 0, EdgeEndpoint? edge = null,
        TimeProvider? time = null)
    {
        Launcher = launcher ?? TestIsolation.Launcher;
        Engine = new ExecutionEngine(_catalog, (options ?? new ExecutionOptions()) with { StemCellsPerRuntime = stemCells }, Launcher, Logs,
            edge ?? new EdgeEndpoint { Url = "http://127.0.0.1:4566" }, time ?? TimeProvider.System, NullLogger<ExecutionEngine>.Instance);
    }

    public InMemoryLogIngestion Logs { get; } = new();

    public IProcessLauncher Launcher { get; }

    /// <summary>Where a function sees its code: <c>/var/task</c> in a sandbox, the host directory otherwise.</summary>
    public string TaskRoot(string codeDirectory) => Launcher.ConfinesFilesystem ? "/var/task" : Path.GetFullPath(codeDirectory);

    public ExecutionEngine Engine { get; }

    public static RuntimeCatalog Catalog => _catalog;

    /// <summary>Writes <paramref name="files"/> (relative path → content) into a fresh code directory.</summary>
    public string WriteCode(params (string Path, string Content)[] files)
    {
        var directory = Path.Combine(Path.GetTempPath(), "nimbus-exec-tests", Guid.NewGuid().ToString("N"));
        _directories.Add(directory);
        foreach (var (relative, content) in files)
        {
            var path = Path.Combine(directory, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
            if (relative == "bootstrap" && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        Directory.CreateDirectory(directory);
        return directory;
    }

    public static EnvironmentSpec Spec(string runtime, string handler, string codeDirectory, int timeoutSeconds = 3,
        IReadOnlyDictionary<string, string>? environment = null, string? name = null)
    {
        name ??= "fn-" + Guid.NewGuid().ToString("N")[..8];
        return new EnvironmentSpec
        {
            Scope = new AwsScope("123456789012", "eu-west-1"),
            FunctionName = name,
            FunctionKey = "123456789012/eu-west-1/" + name,
            PoolKey = name + "@" + codeDirectory,
            Version = "$LATEST",
            FunctionArn = $"arn:aws:lambda:eu-west-1:123456789012:function:{name}",
            Runtime = runtime,
            Handler = handler,
            CodeDirectory = codeDirectory,
            MemorySizeMb = 128,
            TimeoutSeconds = timeoutSeconds,
            Environment = environment ?? new Dictionary<string, string>(),
            LogGroupName = "/aws/lambda/" + name,
        };
    }

    public static InvocationRequest Request(string payload = "{}", bool tail = false, string? requestId = null) => new()
    {
        RequestId = requestId ?? RequestIds.NewRequestId(),
        Payload = Encoding.UTF8.GetBytes(payload),
        InvokedFunctionArn = "arn:aws:lambda:eu-west-1:123456789012:function:fn",
        WantLogTail = tail,
    };

    public Task<InvocationOutcome> InvokeAsync(EnvironmentSpec spec, InvocationRequest request, double seconds = 20, string phase = "invoking") =>
        Engine.InvokeAsync(spec, request, CancellationToken.None).Within(seconds, phase + " " + spec.Runtime + " " + spec.Handler);

    public void Dispose()
    {
        Engine.Dispose();
        foreach (var directory in _directories)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
