using System.Diagnostics;

namespace Nimbus.DynamoDb.Tests;

/// <summary>
/// A mistyped <c>--dynamodb-durability</c> stops the server at start with the choices, never silently falls back — a
/// number included, which <c>Enum.Parse</c> would have taken for a mode that does not exist.
/// </summary>
public sealed class DurabilitySettingTests
{
    [Theory]
    [InlineData("sometimes")]
    [InlineData("7")]
    public async Task AnUnknownDurability_IsRefusedAtStart_NamingTheChoices(string value)
    {
        var data = Path.Combine(Path.GetTempPath(), "nimbus-ddb-setting-" + Guid.NewGuid().ToString("N")[..8]);
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "Nimbus.Server.dll"), "--port", "0", "--data-dir", data, "--dynamodb-durability", value })
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        Assert.Equal(2, process.ExitCode);
        Assert.Equal($"nimbus: --dynamodb-durability must be fsync or process, not '{value}'", (await error).Trim());
        Assert.False(Directory.Exists(data), "nothing is started, not even the data directory");
    }
}
