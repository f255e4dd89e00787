namespace Nimbus.EndToEnd.Tests.Infrastructure;

public static class RepositoryPaths
{
    /// <summary>The checkout the tests run from (the directory holding Nimbus.slnx).</summary>
    public static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Nimbus.slnx")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Nimbus.slnx not found above " + AppContext.BaseDirectory);
    }
}
