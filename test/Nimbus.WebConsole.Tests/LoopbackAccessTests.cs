using System.Net;
using Microsoft.Extensions.Logging;
using Nimbus.Server;

namespace Nimbus.WebConsole.Tests;

/// <summary>Bound to loopback, the console and Nimbus's own endpoints are as open as the AWS endpoint: no token asked.</summary>
public sealed class LoopbackAccessTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "nimbus-loopback-" + Guid.NewGuid().ToString("N")[..8]);
    private NimbusHost? _host;

    public async Task InitializeAsync()
    {
        _host = await NimbusHost.StartAsync(new NimbusOptions { Port = 0, BindAddress = "127.0.0.1", DataDirectory = _dataDirectory },
            logging => logging.SetMinimumLevel(LogLevel.Warning));
    }

    [Theory]
    [InlineData("/_nimbus/console/")]
    [InlineData("/_nimbus/console/api/session")]
    [InlineData("/_nimbus/costs")]
    [InlineData("/_nimbus/schedules")]
    [InlineData("/_nimbus/metrics")]
    public async Task WithoutAToken_NimbusEndpoints_Answer(string path)
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(_host!.Endpoint, path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("?token=", _host.ConsoleUrl.ToString());
    }

    [Fact]
    public async Task WithoutAToken_HealthGivesEverything()
    {
        using var http = new HttpClient();
        var health = await http.GetStringAsync(new Uri(_host!.Endpoint, "/_nimbus/health"));

        Assert.Contains("\"dataDirectory\"", health);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
