using Nimbus.EndToEnd.Tests.Infrastructure;

namespace Nimbus.EndToEnd.Tests;

/// <summary>Functions, versions, aliases, settings and code are durable: a restarted server serves them unchanged.</summary>
public sealed class RestartPersistenceTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    [Fact]
    public async Task Restart_KeepsFunctionsVersionsAliasesAndCode()
    {
        var name = FunctionPackage.UniqueName("durable");
        var zip = FunctionPackage.WriteZip(("index.js", "exports.handler = async (e) => ({ ok: true, got: e });"));
        var cli = server.Cli;
        await cli.JsonAsync("lambda", "create-function", "--function-name", name, "--runtime", "nodejs20.x", "--handler", "index.handler",
            "--role", "arn:aws:iam::000000000000:role/r", "--zip-file", "fileb://" + zip, "--memory-size", "512", "--tags", "team=core");
        await cli.JsonAsync("lambda", "wait", "function-active-v2", "--function-name", name);
        var version = await cli.JsonAsync("lambda", "publish-version", "--function-name", name, "--description", "first");
        await cli.JsonAsync("lambda", "create-alias", "--function-name", name, "--name", "prod", "--function-version", "1");
        await cli.JsonAsync("lambda", "put-function-concurrency", "--function-name", name, "--reserved-concurrent-executions", "7");
        var before = await cli.JsonAsync("lambda", "get-function", "--function-name", name);

        await server.RestartAsync();
        cli = server.Cli;

        var after = await cli.JsonAsync("lambda", "get-function", "--function-name", name);
        Assert.Equal(before.GetProperty("Configuration").GetProperty("CodeSha256").GetString(), after.GetProperty("Configuration").GetProperty("CodeSha256").GetString());
        Assert.Equal(512, after.GetProperty("Configuration").GetProperty("MemorySize").GetInt32());
        Assert.Equal("Active", after.GetProperty("Configuration").GetProperty("State").GetString());
        Assert.Equal("core", after.GetProperty("Tags").GetProperty("team").GetString());
        Assert.Equal(7, after.GetProperty("Concurrency").GetProperty("ReservedConcurrentExecutions").GetInt32());
        var alias = await cli.JsonAsync("lambda", "get-alias", "--function-name", name, "--name", "prod");
        Assert.Equal(version.GetProperty("Version").GetString(), alias.GetProperty("FunctionVersion").GetString());

        var outFile = Path.GetTempFileName();
        var invoked = await cli.JsonAsync("lambda", "invoke", "--function-name", name, "--qualifier", "prod",
            "--payload", """{"after":"restart"}""", outFile);
        Assert.Equal("1", invoked.GetProperty("ExecutedVersion").GetString());
        Assert.Contains("\"after\":\"restart\"", await File.ReadAllTextAsync(outFile));
    }
}
