using Nimbus.Execution.Processes;

namespace Nimbus.Execution.Tests.Infrastructure;

/// <summary>
/// The launcher the suites run under: the bubblewrap sandbox (with cgroups) wherever the host has it, as the server
/// would pick, so every runtime test also proves the sandbox. <c>NIMBUS_TEST_ISOLATION=process</c> runs them unsandboxed.
/// </summary>
internal static class TestIsolation
{
    private static readonly Lazy<(BubblewrapProcessLauncher? Sandbox, string? Problem)> _sandbox = new(() =>
    {
        var sandbox = BubblewrapProcessLauncher.TryCreate(out var problem);
        return (sandbox, problem);
    });

    public static IProcessLauncher Launcher =>
        Environment.GetEnvironmentVariable("NIMBUS_TEST_ISOLATION") == "process" ? new PosixProcessLauncher()
        : (IProcessLauncher?)Sandbox ?? new PosixProcessLauncher();

    /// <summary>The sandbox launcher, or null when this host cannot sandbox (<see cref="Problem"/> says why).</summary>
    public static BubblewrapProcessLauncher? Sandbox => _sandbox.Value.Sandbox;

    public static string? Problem => _sandbox.Value.Problem;
}
