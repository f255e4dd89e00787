using System.Diagnostics;
using Nimbus.Lambda.Tests.Infrastructure;

namespace Nimbus.Lambda.Tests;

/// <summary>The real boto3 client (installed on every machine of this project) against the in-process host.</summary>
public sealed class Boto3Tests : IAsyncLifetime
{
    private LambdaTestHost _host = null!;

    public async Task InitializeAsync() => _host = await LambdaTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Boto3_FullFunctionLifecycle_WithWaitersPaginatorsAndModeledErrors()
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Boto3", "lambda_flow.py");
        var start = new ProcessStartInfo("python3", [script, _host.Endpoint.ToString().TrimEnd('/')])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Keep the developer's AWS configuration out of the run.
        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        Assert.True(process.ExitCode == 0, $"boto3 flow failed:\n{await stdout}\n{await stderr}");
        Assert.Equal("ok", (await stdout).Trim());
    }
}
