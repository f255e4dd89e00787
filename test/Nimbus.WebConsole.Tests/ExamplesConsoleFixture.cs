using Microsoft.Playwright;
using Nimbus.Testing;

namespace Nimbus.WebConsole.Tests;

/// <summary>
/// A fresh Nimbus with the three examples deployed by their own scripts (examples/*/deploy.sh) and used once — an
/// image uploaded and its thumbnail made — and Debian's Chromium driven by Playwright.
/// </summary>
public sealed class ExamplesConsoleFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public NimbusServerFixture Server { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Server.InitializeAsync();
        await new ExampleScripts(Server.EndpointUrl).DeployAllAsync();
        await Server.Boto3.RunAsync("""
            s3 = client("s3")
            png = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAKUlEQVR4nA3HMQEAAAzCMIRVGGdFIXDLlyQSGxcTBIvjU6mt62cyOzcPp2MTQTYdST8AAAAASUVORK5CYII=")
            s3.put_object(Bucket="photos", Key="console.png", Body=png, ContentType="image/png")
            deadline = time.time() + 240
            while time.time() < deadline:
                if s3.list_objects_v2(Bucket="photo-thumbnails").get("KeyCount", 0):
                    break
                time.sleep(0.5)
            else:
                raise SystemExit("no thumbnail within 240 s")
            print("{}")
            """, TimeSpan.FromMinutes(5));
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = ["--no-sandbox"], // tests run as root in CI, where Chromium's own sandbox cannot start
        });
        Directory.CreateDirectory(ConsoleFixture.ScreenshotDirectory);
    }

    public async Task<IPage> OpenAsync(string url)
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 } });
        await page.GotoAsync(url);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        await Server.DisposeAsync();
    }
}
