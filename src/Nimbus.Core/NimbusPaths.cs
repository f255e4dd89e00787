namespace Nimbus.Core;

/// <summary>
/// The layout of the data directory (default <c>./.nimbus</c>). Every module asks here for its place, so the
/// layout is visible in one file.
/// </summary>
public sealed class NimbusPaths
{
    public NimbusPaths(string dataDirectory)
    {
        Root = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>SQLite metadata database of one module, e.g. <c>lambda.db</c>.</summary>
    public string Database(string module) => Path.Combine(Root, "db", module + ".db");

    /// <summary>Content-addressed code packages (<c>code/sha256/ab/abcd….zip</c>).</summary>
    public string CodeStore => Path.Combine(Root, "code");

    /// <summary>Scratch space for execution environments (each gets its own folder, removed when it ends).</summary>
    public string Environments => Path.Combine(Root, "environments");
}
