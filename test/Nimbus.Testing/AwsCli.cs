using System.Text.Json;

namespace Nimbus.Testing;

/// <summary>The AWS CLI installed on this machine, unmodified, pointed at Nimbus with <c>--endpoint-url</c>.</summary>
public sealed class AwsCli(string endpointUrl)
{
    public Task<ProcessResult> RunAsync(params string[] arguments) =>
        ProcessRunner.RunAsync("aws", ["--endpoint-url", endpointUrl, "--output", "json", .. arguments], ProcessRunner.AwsEnvironment());

    /// <summary>Runs a command that must succeed and returns its JSON output.</summary>
    public async Task<JsonElement> JsonAsync(params string[] arguments)
    {
        var result = await RunAsync(arguments);
        Assert.True(result.ExitCode == 0, $"aws {string.Join(' ', arguments)} failed: {result.Describe()}");
        return result.StandardOutput.Trim().Length == 0
            ? default
            : JsonDocument.Parse(result.StandardOutput).RootElement.Clone();
    }

    /// <summary>Runs a command that must fail with <paramref name="errorCode"/> and returns the CLI's message.</summary>
    public async Task<string> FailsWithAsync(string errorCode, params string[] arguments)
    {
        var result = await RunAsync(arguments);
        Assert.True(result.ExitCode != 0, $"aws {string.Join(' ', arguments)} should have failed with {errorCode}: {result.Describe()}");
        Assert.Contains($"({errorCode})", result.StandardError);
        return result.StandardError;
    }
}
