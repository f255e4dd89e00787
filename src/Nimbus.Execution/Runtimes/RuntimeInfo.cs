namespace Nimbus.Execution;

/// <summary>One Lambda runtime identifier and whether this host can run it.</summary>
public sealed record RuntimeInfo(string Identifier, RuntimeFamily Family)
{
    /// <summary>The interpreter on this host (null for OS-only runtimes and unavailable ones).</summary>
    public string? InterpreterPath { get; init; }

    public bool IsAvailable { get; init; }

    /// <summary>
    /// AWS no longer accepts this identifier for creating or updating functions (past the "block function
    /// create/update" date of the Lambda runtime deprecation policy).
    /// </summary>
    public bool IsBlocked { get; init; }

    /// <summary>The AWS SDK every function of a Python runtime can import (shared by all of them); null for other runtimes.</summary>
    public PythonSdk? Sdk { get; init; }
}
