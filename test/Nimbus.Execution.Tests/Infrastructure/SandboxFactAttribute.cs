namespace Nimbus.Execution.Tests.Infrastructure;

/// <summary>
/// A test of the sandbox itself: skipped, saying why, only where this host cannot sandbox at all (no bwrap, or no
/// namespaces); with <paramref name="cgroups"/>, also where cgroups are not writable; with <paramref name="network"/>,
/// also where sandboxes cannot get a network namespace of their own (no nimbus-init built, or no namespace allowed).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class SandboxFactAttribute : FactAttribute
{
    public SandboxFactAttribute(bool cgroups = false, bool network = false)
    {
        if (TestIsolation.Sandbox is null)
        {
            Skip = "No bubblewrap sandbox on this host: " + TestIsolation.Problem;
        }
        else if (cgroups && !TestIsolation.Sandbox.IsolationLevel.Contains("cgroup", StringComparison.Ordinal))
        {
            Skip = "No writable cgroups on this host: " + TestIsolation.Problem;
        }
        else if (network && !TestIsolation.Sandbox.IsolatesNetwork)
        {
            Skip = "No network isolation on this host: " + TestIsolation.Sandbox.NetworkProblem;
        }
    }
}
