using Nimbus.Execution.StemCells;

namespace Nimbus.Execution.Tests;

/// <summary>How a function's unpacked code is put into a stem cell's <c>/var/task</c>.</summary>
public sealed class CodeTreeTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "nimbus-codetree-tests", Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Link_ReproducesTheTree_WithHardLinksAndSymlinksAsTheyAre()
    {
        var source = Path.Combine(_root, "code");
        var target = Path.Combine(_root, "cell");
        Directory.CreateDirectory(Path.Combine(source, "node_modules", "lib"));
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(source, "index.js"), "exports.handler = 1;");
        File.WriteAllText(Path.Combine(source, "node_modules", "lib", "main.js"), "module.exports = 2;");
        File.SetUnixFileMode(Path.Combine(source, "index.js"), UnixFileMode.UserRead | UnixFileMode.UserExecute);
        File.CreateSymbolicLink(Path.Combine(source, "alias.js"), "index.js");

        CodeTree.Link(source, target);

        Assert.Equal("module.exports = 2;", File.ReadAllText(Path.Combine(target, "node_modules", "lib", "main.js")));
        Assert.Equal("index.js", new FileInfo(Path.Combine(target, "alias.js")).LinkTarget);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(target, "index.js")));
        // A hard link, not a copy: the same inode (so nothing is copied and the cell's directory costs no space).
        Assert.Equal(Inode(Path.Combine(source, "index.js")), Inode(Path.Combine(target, "index.js")));
        // Removing the cell's directory leaves the function's code intact.
        Directory.Delete(target, recursive: true);
        Assert.Equal("exports.handler = 1;", File.ReadAllText(Path.Combine(source, "index.js")));
    }

    private static string Inode(string path)
    {
        using var stat = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("stat", ["-c", "%i", path])
        {
            RedirectStandardOutput = true,
        })!;
        var inode = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        return inode;
    }
}
