namespace Nimbus.EndToEnd.Tests.Infrastructure;

/// <summary>A server data directory under the temp folder, removed when the test class is done.</summary>
public sealed class TempDataDirectory(string prefix) : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), prefix + "-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Temp files (or never created); not worth failing a test for.
        }
    }
}
