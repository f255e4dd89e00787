using System.IO.Compression;

namespace Nimbus.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Function packages with the AWS SDK for JavaScript v3 in their node_modules: the thumbnail example as
/// test/fixtures/thumbnail/prepare.sh packages it (npm, cached), optionally with one more handler file of a test's.
/// </summary>
internal static class JsSdkPackage
{
    /// <summary>The packaged thumbnail example (cached after its first build).</summary>
    public static async Task<string> ThumbnailAsync()
    {
        var script = Path.Combine(RepositoryPaths.Root(), "test", "fixtures", "thumbnail", "prepare.sh");
        var result = await ProcessRunner.RunAsync("bash", [script], new Dictionary<string, string>(), timeout: TimeSpan.FromMinutes(10));
        Assert.True(result.ExitCode == 0, "packaging examples/thumbnail failed: " + result.Describe());
        return result.StandardOutput.Trim().Split('\n')[^1];
    }

    /// <summary>A copy of that package with <paramref name="fileName"/> added (an ES module when it ends in .mjs).</summary>
    public static async Task<string> WithHandlerAsync(string fileName, string source)
    {
        var zip = Path.Combine(Path.GetTempPath(), FunctionPackage.UniqueName("js-sdk") + ".zip");
        File.Copy(await ThumbnailAsync(), zip);
        using var archive = ZipFile.Open(zip, ZipArchiveMode.Update);
        var entry = archive.CreateEntry(fileName);
        entry.ExternalAttributes = 0b110_100_100 << 16; // rw-r--r--, as zip(1) stores it
        await using var writer = new StreamWriter(entry.Open());
        await writer.WriteAsync(source);
        return zip;
    }
}
