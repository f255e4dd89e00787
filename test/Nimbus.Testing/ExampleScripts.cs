namespace Nimbus.Testing;

/// <summary>
/// The applications under <c>examples/</c>, deployed and removed by their own scripts exactly as the READMEs tell a
/// user to, pointed at a test server through <c>AWS_ENDPOINT_URL</c>.
/// </summary>
public sealed class ExampleScripts(string endpointUrl)
{
    // A deploy is a few dozen AWS CLI calls (each a Python start) and, for the thumbnails, npm on a cold cache.
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(20);

    /// <summary>The checkout the tests run from (the directory holding Nimbus.slnx).</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Nimbus.slnx")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("Nimbus.slnx not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Runs <c>examples/{example}/{script}</c>, which must succeed, and returns what it printed.</summary>
    public async Task<string> RunAsync(string example, string script, params string[] arguments)
    {
        var environment = ProcessRunner.AwsEnvironment();
        environment["AWS_ENDPOINT_URL"] = endpointUrl;
        var path = Path.Combine(RepositoryRoot(), "examples", example, script);
        var result = await ProcessRunner.RunAsync(path, arguments, environment, timeout: ScriptTimeout);
        Assert.True(result.ExitCode == 0, $"examples/{example}/{script} failed: {result.Describe()}");
        return result.StandardOutput;
    }

    /// <summary>Deploys every example, in the order their dependencies need (the report reads the thumbnails' table).</summary>
    public async Task DeployAllAsync()
    {
        await RunAsync("thumbnail", "deploy.sh");
        await RunAsync("hourly-report", "deploy.sh");
        await RunAsync("items-api", "deploy.sh");
    }
}
