namespace Nimbus.Execution;

/// <summary>How an environment of a runtime is started.</summary>
public enum RuntimeFamily
{
    /// <summary>Nimbus's Node.js bootstrap runs <c>file.export</c> handlers.</summary>
    NodeJs,

    /// <summary>Nimbus's Python bootstrap runs <c>module.function</c> handlers.</summary>
    Python,

    /// <summary>The package's own <c>bootstrap</c> executable implements the Runtime API (<c>provided.*</c>).</summary>
    OsOnly,

    /// <summary>Known to Lambda, not runnable by Nimbus yet (Java, .NET, Ruby).</summary>
    Unsupported,
}
