using System.IO.Compression;

namespace Nimbus.EndToEnd.Tests.Infrastructure;

/// <summary>Builds function zips from inline sources, the way a user's <c>zip function.zip …</c> would.</summary>
public static class FunctionPackage
{
    /// <summary>Writes a zip to a temp file and returns its path (for <c>fileb://</c>).</summary>
    public static string WriteZip(params (string Name, string Content)[] files)
    {
        var path = Path.Combine(Path.GetTempPath(), "nimbus-fn-" + Guid.NewGuid().ToString("N")[..8] + ".zip");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, content) in files)
        {
            var entry = zip.CreateEntry(name);
            // Unix mode in the upper 16 bits, as zip(1) stores it: a bootstrap must stay executable.
            entry.ExternalAttributes = (name == "bootstrap" || name.EndsWith(".sh", StringComparison.Ordinal) ? 0b111_101_101 : 0b110_100_100) << 16;
            using var writer = new StreamWriter(entry.Open());
            writer.Write(content.Replace("\r\n", "\n", StringComparison.Ordinal));
        }
        return path;
    }

    public static string UniqueName(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];
}
