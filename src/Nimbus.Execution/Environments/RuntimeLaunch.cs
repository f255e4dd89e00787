using System.Globalization;
using Nimbus.Execution.Processes;

namespace Nimbus.Execution.Environments;

/// <summary>Builds the command line and environment of a runtime process, as Lambda sets them up.</summary>
internal static class RuntimeLaunch
{
    // Variables a function's configuration cannot override: Lambda rejects or replaces them
    // (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime).
    private static readonly string[] _reserved =
    [
        "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE",
        "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
    ];

    public static IReadOnlyCollection<string> Reserved => _reserved;

    /// <summary>Names the Runtime API's Unix socket for Nimbus's own bootstraps in a network-isolated sandbox.</summary>
    public const string RuntimeApiSocketVariable = "NIMBUS_RUNTIME_API_SOCKET";

    public static ProcessLaunchRequest Build(EnvironmentSpec spec, RuntimeInfo runtime, string bootstrapRoot,
        string runtimeApi, string logStreamName, string endpointUrl, bool sandboxed = false, bool isolatedNetwork = false)
    {
        var launch = ForRuntime(runtime, bootstrapRoot, Path.GetFullPath(spec.CodeDirectory), spec.MemorySizeMb, endpointUrl, sandboxed);
        var env = (Dictionary<string, string>)launch.Environment;
        foreach (var (key, value) in spec.Environment)
        {
            // NIMBUS_STEM_CELL would make a plain start wait for a specialisation that never comes; the Runtime API
            // socket is the engine's to name.
            if (!_reserved.Contains(key, StringComparer.Ordinal) && key is not ("NIMBUS_STEM_CELL" or RuntimeApiSocketVariable))
            {
                env[key] = value;
            }
        }
        env["_HANDLER"] = spec.Handler;
        env["AWS_REGION"] = spec.Scope.Region;
        env["AWS_DEFAULT_REGION"] = spec.Scope.Region;
        env["AWS_LAMBDA_FUNCTION_NAME"] = spec.FunctionName;
        env["AWS_LAMBDA_FUNCTION_VERSION"] = spec.Version;
        env["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = spec.MemorySizeMb.ToString(CultureInfo.InvariantCulture);
        env["AWS_LAMBDA_LOG_GROUP_NAME"] = spec.LogGroupName;
        env["AWS_LAMBDA_LOG_STREAM_NAME"] = logStreamName;
        env["AWS_LAMBDA_INITIALIZATION_TYPE"] = "on-demand";
        env["AWS_LAMBDA_RUNTIME_API"] = runtimeApi;
        if (isolatedNetwork)
        {
            // Nimbus's own bootstraps talk to the Runtime API socket directly (one hop less than through nimbus-init's
            // bridge); custom runtimes use AWS_LAMBDA_RUNTIME_API as everywhere.
            env[RuntimeApiSocketVariable] = SandboxNetwork.SandboxRuntimeApiSocket;
        }
        // The account id as access key: SDK calls made by the function land in the function's own account.
        env["AWS_ACCESS_KEY_ID"] = spec.Scope.AccountId;
        env["AWS_SECRET_ACCESS_KEY"] = "nimbus-function-secret";
        env["AWS_SESSION_TOKEN"] = "nimbus-function-session";
        return launch with
        {
            EphemeralStorageMb = spec.EphemeralStorageMb,
            Name = logStreamName[(logStreamName.LastIndexOf(']') + 1)..],
        };
    }

    /// <summary>
    /// A stem cell of <paramref name="runtime"/>: the same interpreter, arguments, mounts and runtime variables as
    /// <see cref="Build"/> gives a function, nothing of any function (its code directory is the cell's own, empty
    /// one), and <c>NIMBUS_STEM_CELL</c> telling the bootstrap to wait on stdin for the function it becomes.
    /// </summary>
    public static ProcessLaunchRequest BuildStemCell(RuntimeInfo runtime, string bootstrapRoot, string cellTaskRoot, int memorySizeMb,
        int ephemeralStorageMb, string endpointUrl, bool sandboxed, string name)
    {
        var launch = ForRuntime(runtime, bootstrapRoot, cellTaskRoot, memorySizeMb, endpointUrl, sandboxed);
        ((Dictionary<string, string>)launch.Environment)["NIMBUS_STEM_CELL"] = "1";
        // No memory limit until specialised (the cgroup gets the function's then); stdin carries the function.
        return launch with { MemorySizeMb = 0, EphemeralStorageMb = ephemeralStorageMb, Name = name, StandardInputPipe = true };
    }

    /// <summary>What depends only on the runtime (and, for Node.js, the memory that sizes its heap).</summary>
    private static ProcessLaunchRequest ForRuntime(RuntimeInfo runtime, string bootstrapRoot, string hostTaskRoot, int memorySizeMb,
        string endpointUrl, bool sandboxed)
    {
        var hostBootstrapRoot = bootstrapRoot;
        // In a sandbox the code and the bootstraps sit where Lambda puts them.
        var taskRoot = sandboxed ? "/var/task" : hostTaskRoot;
        bootstrapRoot = sandboxed ? "/var/runtime" : bootstrapRoot;
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        string executable;
        List<string> argv;
        string runtimeDir;
        var interpreterDir = runtime.InterpreterPath is { } interpreter ? Path.GetDirectoryName(interpreter) + ":" : "";
        // Lambda's PATH is /var/lang/bin:/usr/local/bin:/usr/bin/:/bin:/opt/bin; /var/lang/bin is where the interpreter lives.
        env["PATH"] = interpreterDir + "/usr/local/bin:/usr/bin/:/bin:/opt/bin";
        env["LANG"] = "en_US.UTF-8";
        env["TZ"] = ":UTC";
        env["LD_LIBRARY_PATH"] = "/var/lang/lib:/lib64:/usr/lib64:/var/runtime:/var/runtime/lib:/var/task:/var/task/lib:/opt/lib";
        env["AWS_ENDPOINT_URL"] = endpointUrl;
        switch (runtime.Family)
        {
            case RuntimeFamily.NodeJs:
                runtimeDir = Path.Combine(bootstrapRoot, "nodejs");
                var major = runtime.Identifier["nodejs".Length..].TrimEnd('x', '.');
                env["NODE_PATH"] = $"/opt/nodejs/node{major}/node_modules:/opt/nodejs/node_modules:{runtimeDir}/node_modules:{runtimeDir}:{taskRoot}";
                executable = runtime.InterpreterPath!;
                // The AWS Node.js bootstrap sizes the old generation to the function's memory (about 90 %).
                argv = [executable, "--max-old-space-size=" + (memorySizeMb * 9 / 10).ToString(CultureInfo.InvariantCulture),
                    Path.Combine(runtimeDir, "bootstrap.js")];
                env["AWS_EXECUTION_ENV"] = "AWS_Lambda_" + runtime.Identifier;
                break;
            case RuntimeFamily.Python:
                runtimeDir = Path.Combine(bootstrapRoot, "python");
                // After the function's code and layers (the bootstrap puts /var/task and /opt/python first), so a
                // boto3 in the zip wins over the runtime's, as on AWS.
                env["PYTHONPATH"] = SdkDirectory(runtime, sandboxed) is { } sdk ? runtimeDir + ":" + sdk : runtimeDir;
                // /var/task is read-only on Lambda: no __pycache__ may land in the shared code directory.
                env["PYTHONDONTWRITEBYTECODE"] = "1";
                executable = runtime.InterpreterPath!;
                argv = [executable, Path.Combine(runtimeDir, "bootstrap.py")];
                env["AWS_EXECUTION_ENV"] = "AWS_Lambda_" + runtime.Identifier;
                break;
            case RuntimeFamily.OsOnly:
                runtimeDir = bootstrapRoot;
                executable = Path.Combine(taskRoot, "bootstrap");
                argv = [executable];
                break;
            default:
                throw new NotSupportedException($"Runtime {runtime.Identifier} cannot be run by Nimbus.");
        }
        env["LAMBDA_TASK_ROOT"] = taskRoot;
        env["LAMBDA_RUNTIME_DIR"] = runtimeDir;
        return new ProcessLaunchRequest(executable, argv, env, taskRoot)
        {
            CodeDirectory = hostTaskRoot,
            RuntimeDirectory = hostBootstrapRoot,
            ReadOnlyDirectories = runtime.InterpreterPath is { } path ? [InstallDirectory(path)] : [],
            ReadOnlyMounts = sandboxed && runtime.Sdk is { } python ? python.SandboxMounts(runtime) : [],
            MemorySizeMb = memorySizeMb,
        };
    }

    /// <summary>Where a Python runtime finds the AWS SDK: its own mounts in a sandbox, the link directory outside; null without one.</summary>
    private static string? SdkDirectory(RuntimeInfo runtime, bool sandboxed) =>
        runtime.Sdk is not { Packages.Count: > 0 } sdk ? null
        : sandboxed ? PythonSdk.SandboxDirectory(runtime.Identifier)
        : sdk.DirectoryFor(runtime);

    /// <summary>
    /// The installation an interpreter belongs to (<c>/opt/node-v22/bin/node</c> → <c>/opt/node-v22</c>), symlinks
    /// resolved, so that its libraries and standard modules are visible in a sandbox too.
    /// </summary>
    internal static string InstallDirectory(string interpreter)
    {
        var real = new FileInfo(interpreter).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(interpreter);
        var bin = Path.GetDirectoryName(real)!;
        return Path.GetFileName(bin) == "bin" ? Path.GetDirectoryName(bin)! : bin;
    }
}
