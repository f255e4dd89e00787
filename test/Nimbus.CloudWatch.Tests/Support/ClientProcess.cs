using System.Diagnostics;

namespace Nimbus.CloudWatch.Tests.Support;

/// <summary>Runs a real AWS client (the CLI, or python3 with boto3) against a test endpoint.</summary>
public static class ClientProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public Result EnsureSuccess(string what) =>
            ExitCode == 0 ? this : throw new Xunit.Sdk.XunitException($"{what} exited with {ExitCode}.\nstdout: {Stdout}\nstderr: {Stderr}");
    }

    public static Task<Result> AwsCliAsync(string endpoint, params string[] arguments) =>
        RunAsync("aws", ["--endpoint-url", endpoint, "--output", "json", .. arguments], endpoint, stdin: null);

    /// <summary>Runs a Python script on stdin; it finds the endpoint in <c>NIMBUS_ENDPOINT</c>.</summary>
    public static Task<Result> PythonAsync(string endpoint, string script, params string[] arguments) =>
        RunAsync("python3", ["-", .. arguments], endpoint, script);

    private static async Task<Result> RunAsync(string fileName, string[] arguments, string endpoint, string? stdin)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["AWS_ACCESS_KEY_ID"] = "test";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "test";
        start.Environment["AWS_DEFAULT_REGION"] = "us-east-1";
        start.Environment["AWS_PAGER"] = "";
        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        start.Environment["NIMBUS_ENDPOINT"] = endpoint;

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not exit within {Timeout.TotalSeconds} s (client stalled waiting on the endpoint)");
        }
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
