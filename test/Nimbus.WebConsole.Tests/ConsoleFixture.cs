using Microsoft.Playwright;
using Nimbus.Testing;

namespace Nimbus.WebConsole.Tests;

/// <summary>
/// A running Nimbus with one deployed, invoked Node.js function, and Debian's Chromium driven by Playwright — what a
/// user has after the quick start and a first deploy. Screenshots go to <c>.artifacts/console/</c> in the repository.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    public const string FunctionName = "console-hello";
    public const int Invocations = 3;

    private IPlaywright? _playwright;

    public NimbusServerFixture Server { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public string ConsoleUrl => Server.EndpointUrl + "/_nimbus/console/";

    public static string ScreenshotDirectory { get; } = Path.Combine(RepositoryRoot(), ".artifacts", "console");

    public async Task InitializeAsync()
    {
        await Server.InitializeAsync();
        await DeployAsync(FunctionName, Invocations);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            // Tests run as root in CI, where Chromium's own sandbox cannot start.
            Args = ["--no-sandbox"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    /// <summary>Creates a Node.js function that logs and echoes its event, and invokes it <paramref name="invocations"/> times.</summary>
    public Task DeployAsync(string functionName, int invocations) => Server.Boto3.RunAsync($$"""
        lam = client("lambda")
        code = "export const handler = async (event) => { console.log('got ' + JSON.stringify(event)); return { ok: true, echo: event }; };"
        lam.create_function(FunctionName="{{functionName}}", Runtime="nodejs20.x", Handler="index.handler",
            Role="arn:aws:iam::000000000000:role/console", Code={"ZipFile": zip_of({"index.mjs": code})})
        lam.get_waiter("function_active_v2").wait(FunctionName="{{functionName}}")
        for i in range({{invocations}}):
            lam.invoke(FunctionName="{{functionName}}", Payload=json.dumps({"n": i}))
        print("{}")
        """);

    public async Task<IPage> OpenAsync(string hash)
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 } });
        await page.GotoAsync(ConsoleUrl + hash);
        return page;
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        await Server.DisposeAsync();
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Nimbus.slnx")))
            {
                return directory.FullName;
            }
        }
        return AppContext.BaseDirectory;
    }
}
