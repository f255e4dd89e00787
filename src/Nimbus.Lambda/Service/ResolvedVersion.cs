using Nimbus.Execution;
using Nimbus.Lambda.Model;

namespace Nimbus.Lambda.Service;

/// <summary>A version's configuration with the engine spec built once, so an invoke allocates nothing to find it.</summary>
internal sealed class ResolvedVersion
{
    public ResolvedVersion(FunctionVersionConfig config, EnvironmentSpec spec)
    {
        Config = config;
        Spec = spec;
    }

    public FunctionVersionConfig Config { get; }

    public EnvironmentSpec Spec { get; }
}
