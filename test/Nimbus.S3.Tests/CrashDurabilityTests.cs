using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Nimbus.S3.Tests.Infrastructure;

namespace Nimbus.S3.Tests;

/// <summary>An acknowledged PUT survives <c>kill -9</c> of the server (architecture §1.4, §6).</summary>
public sealed class CrashDurabilityTests
{
    [Fact]
    public async Task AcknowledgedPut_SurvivesKill9()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "nimbus-s3-crash-" + Guid.NewGuid().ToString("N")[..8]);
        var port = FreePort();
        var endpoint = $"http://127.0.0.1:{port}";
        try
        {
            using (var server = StartServer(port, dataDirectory))
            {
                await WaitForHealthAsync(endpoint, server);
                await new Boto3(endpoint).RunAsync("""
                    s3 = client("s3")
                    s3.create_bucket(Bucket="crash")
                    s3.put_object(Bucket="crash", Key="acknowledged", Body=b"x" * 100_000)
                    print("{}")
                    """);
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync();
            }
            using (var server = StartServer(port, dataDirectory))
            {
                await WaitForHealthAsync(endpoint, server);
                var result = await new Boto3(endpoint).RunAsync("""
                    s3 = client("s3")
                    print(json.dumps({"size": len(s3.get_object(Bucket="crash", Key="acknowledged")["Body"].read())}))
                    """);
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync();
                Assert.Equal(100_000, result.GetProperty("size").GetInt32());
            }
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static Process StartServer(int port, string dataDirectory)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "Nimbus.Server.dll"), "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data-dir", dataDirectory })
        {
            info.ArgumentList.Add(argument);
        }
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitForHealthAsync(string endpoint, Process server)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(server.HasExited, "the server process exited during start-up");
            try
            {
                if ((await http.GetAsync(endpoint + "/_nimbus/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("start-up: the server did not answer /_nimbus/health within 60 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
