namespace Nimbus.Execution;

/// <summary>How runtimes are isolated from the host and from each other.</summary>
public enum IsolationMode
{
    /// <summary>A bubblewrap sandbox with cgroup limits when the host allows it; plain processes otherwise (with a warning).</summary>
    Auto,

    /// <summary>Plain processes, never sandboxed (for hosts or debugging sessions where namespaces get in the way).</summary>
    Process,
}
