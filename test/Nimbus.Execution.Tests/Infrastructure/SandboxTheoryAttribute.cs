namespace Nimbus.Execution.Tests.Infrastructure;

/// <summary>
/// A data-driven test of the sandbox itself: skipped, saying why, only where this host cannot sandbox at all (no bwrap, or no
/// namespaces); with <paramref name="cgroups"/>, also where cgroups are not writable.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class SandboxTheoryAttribute : TheoryAttribute
{
    public SandboxTheoryAttribute(bool cgroups = false)
    {
        if (TestIsolation.Sandbox is null)
        {
            Skip = "No bubblewrap sandbox on this host: " + TestIsolation.Problem;
        }
        else if (cgroups && !TestIsolation.Sandbox.IsolationLevel.Contains("cgroup", StringComparison.Ordinal))
        {
            Skip = "No writable cgroups on this host: " + TestIsolation.Problem;
        }
    }
}
