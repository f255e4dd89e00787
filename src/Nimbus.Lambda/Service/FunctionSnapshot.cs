using Nimbus.Lambda.Model;

namespace Nimbus.Lambda.Service;

/// <summary>An immutable view of one function, swapped whole on every change (readers never lock).</summary>
internal sealed class FunctionSnapshot
{
    public FunctionSnapshot(FunctionDocument document, Dictionary<string, ResolvedVersion> versions, Dictionary<string, AliasConfig> aliases)
    {
        Document = document;
        Versions = versions;
        Aliases = aliases;
    }

    public FunctionDocument Document { get; }

    /// <summary>By version name, <c>$LATEST</c> included.</summary>
    public Dictionary<string, ResolvedVersion> Versions { get; }

    public Dictionary<string, AliasConfig> Aliases { get; }

    public ResolvedVersion Latest => Versions["$LATEST"];
}
