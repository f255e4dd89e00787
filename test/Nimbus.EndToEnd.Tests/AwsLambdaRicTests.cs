using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Nimbus.EndToEnd.Tests.Infrastructure;

namespace Nimbus.EndToEnd.Tests;

/// <summary>
/// Proof that Nimbus's Runtime API is the real one: AWS's own runtime interface client for Node.js (npm
/// <c>aws-lambda-ric</c>, unmodified, built by test/fixtures/aws-lambda-ric/prepare.sh) runs a <c>provided.al2023</c>
/// function.
/// </summary>
public sealed class AwsLambdaRicTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    private const string Bootstrap = """
        #!/bin/sh
        # The unmodified AWS runtime interface client, started the way AWS's docs show for custom runtimes.
        exec node "$LAMBDA_TASK_ROOT/node_modules/aws-lambda-ric/bin/index.mjs" "$_HANDLER"
        """;

    private const string Handler = """
        exports.handler = async (event, context) => {
          console.log("ric handling", context.awsRequestId);
          if (event.fail) { throw new TypeError("ric failure"); }
          return { via: "aws-lambda-ric", sum: event.a + event.b, arn: context.invokedFunctionArn, left: context.getRemainingTimeInMillis() > 0 };
        };
        """;

    [Fact]
    public async Task AwsLambdaRic_RunsAsCustomRuntime_SuccessAndError()
    {
        var zip = await PackageAsync();
        var name = FunctionPackage.UniqueName("ric");
        var cli = server.Cli;
        await cli.JsonAsync("lambda", "create-function", "--function-name", name, "--runtime", "provided.al2023", "--handler", "index.handler",
            "--role", "arn:aws:iam::000000000000:role/r", "--zip-file", "fileb://" + zip, "--timeout", "30");
        await cli.JsonAsync("lambda", "wait", "function-active-v2", "--function-name", name);

        var outFile = Path.GetTempFileName();
        var ok = await cli.JsonAsync("lambda", "invoke", "--function-name", name,
            "--payload", """{"a":2,"b":40}""", "--log-type", "Tail", outFile);
        using (var body = JsonDocument.Parse(await File.ReadAllTextAsync(outFile)))
        {
            Assert.False(ok.TryGetProperty("FunctionError", out _), await File.ReadAllTextAsync(outFile));
            Assert.Equal("aws-lambda-ric", body.RootElement.GetProperty("via").GetString());
            Assert.Equal(42, body.RootElement.GetProperty("sum").GetInt32());
            Assert.EndsWith(":function:" + name, body.RootElement.GetProperty("arn").GetString());
            Assert.True(body.RootElement.GetProperty("left").GetBoolean());
        }
        Assert.Contains("ric handling", Encoding.UTF8.GetString(Convert.FromBase64String(ok.GetProperty("LogResult").GetString()!)));

        var failed = await cli.JsonAsync("lambda", "invoke", "--function-name", name,
            "--payload", """{"fail":true}""", outFile);
        Assert.Equal("Unhandled", failed.GetProperty("FunctionError").GetString());
        using (var error = JsonDocument.Parse(await File.ReadAllTextAsync(outFile)))
        {
            Assert.Equal("TypeError", error.RootElement.GetProperty("errorType").GetString());
            Assert.Equal("ric failure", error.RootElement.GetProperty("errorMessage").GetString());
        }
    }

    /// <summary>A zip with the bootstrap, the handler and the cached aws-lambda-ric package.</summary>
    private static async Task<string> PackageAsync()
    {
        var ric = await FixtureDirectoryAsync();
        var path = FunctionPackage.WriteZip(("bootstrap", Bootstrap), ("index.js", Handler));
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        // What the client needs at run time: its entry point, its bundled JavaScript and its native addon
        // (dist/rapid-client.node, with libcurl linked in). The build inputs (deps/, ~150 MB) stay out.
        var package = Path.Combine(ric, "node_modules", "aws-lambda-ric");
        var files = Directory.EnumerateFiles(Path.Combine(package, "bin"), "*", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(package, "dist"), "*", SearchOption.AllDirectories))
            .Append(Path.Combine(package, "package.json"));
        foreach (var file in files)
        {
            var entry = zip.CreateEntryFromFile(file, Path.GetRelativePath(ric, file), CompressionLevel.Fastest);
            entry.ExternalAttributes = (int)File.GetUnixFileMode(file) << 16;
        }
        return path;
    }

    private static async Task<string> FixtureDirectoryAsync()
    {
        var cache = Environment.GetEnvironmentVariable("NIMBUS_CACHE_DIR")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "nimbus");
        var directory = Path.Combine(cache, "aws-lambda-ric-3.3.0");
        if (!File.Exists(Path.Combine(directory, ".complete")))
        {
            // `./nimbus test` prepares it up front; a bare `dotnet test` builds it here (about 2 minutes, once).
            var script = Path.Combine(RepositoryPaths.Root(), "test", "fixtures", "aws-lambda-ric", "prepare.sh");
            var result = await ProcessRunner.RunAsync("bash", [script], new Dictionary<string, string>(), timeout: TimeSpan.FromMinutes(15));
            Assert.True(result.ExitCode == 0, "building aws-lambda-ric failed: " + result.Describe());
        }
        return directory;
    }
}
