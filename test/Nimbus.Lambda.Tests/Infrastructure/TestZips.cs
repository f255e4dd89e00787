using System.IO.Compression;
using System.Text;

namespace Nimbus.Lambda.Tests.Infrastructure;

/// <summary>Small deployment packages built in memory.</summary>
internal static class TestZips
{
    public static byte[] Python(string body = "def handler(event, context):\n    return event\n") => Build(("index.py", body, null));

    /// <summary>A zip whose entries carry Unix modes in their external attributes, as <c>zip</c> on Linux writes them.</summary>
    public static byte[] Build(params (string Name, string Content, int? UnixMode)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content, mode) in entries)
            {
                var entry = archive.CreateEntry(name);
                if (mode is int unix)
                {
                    entry.ExternalAttributes = (unix | 0x8000) << 16;
                }
                using var stream = entry.Open();
                stream.Write(Encoding.UTF8.GetBytes(content));
            }
        }
        return buffer.ToArray();
    }
}
