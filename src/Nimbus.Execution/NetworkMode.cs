namespace Nimbus.Execution;

/// <summary>What networks a function's environments may reach.</summary>
public enum NetworkMode
{
    /// <summary>
    /// The default: the sandbox has its own network namespace with only loopback, on which its Runtime API and the
    /// Nimbus edge endpoint are bridged in. No host service, no other function, no internet.
    /// </summary>
    Isolated,

    /// <summary>The host's network: the internet and whatever the host reaches, its loopback services included.</summary>
    Host,
}
