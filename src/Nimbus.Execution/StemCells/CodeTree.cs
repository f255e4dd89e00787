using System.Runtime.InteropServices;
using Nimbus.Execution.Processes;

namespace Nimbus.Execution.StemCells;

/// <summary>
/// Fills a stem cell's (empty, already mounted) <c>/var/task</c> with a function's unpacked code: hard links where
/// the two directories share a filesystem (a few microseconds a file, no data copied), copies where they do not.
/// The cell's sandbox binds that directory read-only, so the shared inodes cannot be written from inside.
/// </summary>
internal static class CodeTree
{
    private const int Eperm = 1;
    private const int Exdev = 18;
    private const int Emlink = 31;

    /// <summary>Fills the existing directory <paramref name="target"/> with <paramref name="source"/>'s entries that <paramref name="include"/> keeps (all by default).</summary>
    public static void Link(string source, string target, Func<FileSystemInfo, bool>? include = null)
    {
        var linkable = true;
        Link(new DirectoryInfo(source), target, include ?? (_ => true), ref linkable);
    }

    /// <summary>One file: hard-linked where possible, else copied.</summary>
    public static void LinkFile(string source, string target)
    {
        var linkable = true;
        LinkFile(source, target, ref linkable);
    }

    private static void Link(DirectoryInfo source, string target, Func<FileSystemInfo, bool> include, ref bool linkable)
    {
        foreach (var entry in source.EnumerateFileSystemInfos())
        {
            if (!include(entry))
            {
                continue;
            }
            var destination = Path.Combine(target, entry.Name);
            if (entry.LinkTarget is { } linkTarget)
            {
                File.CreateSymbolicLink(destination, linkTarget);
            }
            else if (entry is DirectoryInfo directory)
            {
                Directory.CreateDirectory(destination);
                Link(directory, destination, include, ref linkable);
            }
            else
            {
                LinkFile(entry.FullName, destination, ref linkable);
            }
        }
    }

    private static void LinkFile(string source, string destination, ref bool linkable)
    {
        if (!linkable || Libc.link(source, destination) != 0)
        {
            // EXDEV (another filesystem) or a filesystem without hard links: copy this and every later file.
            if (linkable && Marshal.GetLastPInvokeError() is not (Exdev or Eperm or Emlink))
            {
                throw new IOException($"link {source} failed: errno {Marshal.GetLastPInvokeError()}");
            }
            linkable = false;
            File.Copy(source, destination);
        }
    }
}
