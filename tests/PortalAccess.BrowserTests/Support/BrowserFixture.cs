using System.Text.RegularExpressions;

namespace PortalAccess.BrowserTests.Support;

/// <summary>
/// Azurite, MailDev (the integration tests' <see cref="TestServices"/>), one Standalone host on a real port and Debian's
/// chromium driven by Playwright, started once for the browser tests and stopped after them.
/// </summary>
public sealed partial class BrowserFixture : IAsyncLifetime
{
    // Playwright's own browser download cannot be reached here; scripts/test.sh installs Debian's chromium
    private const string Chromium = "/usr/bin/chromium";

    private IPlaywright? playwright;
    private IBrowser? browser;
    private KestrelPortal? portal;

    public TestServices Services { get; } = new();

    /// <summary>The host shared by the tests that need no fake clock.</summary>
    public KestrelPortal Portal => portal ?? throw NotStarted();

    /// <summary>TestResults/screenshots at the repository root (scripts/test.sh empties TestResults first).</summary>
    public static string ScreenshotDirectory => Path.Combine(RepoPaths.Root, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"{Chromium} is missing: `apt-get install -y chromium` (scripts/test.sh does it).");
        }
        await Services.InitializeAsync();
        portal = KestrelPortal.Start(Services);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            // chromium refuses its sandbox to root (CI runs as root)
            Args = Environment.UserName == "root" ? ["--no-sandbox"] : [],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    /// <summary>
    /// A new browser window (its own cookies and sessionStorage) on <paramref name="host"/>, in German.
    /// <paramref name="bypassCsp"/> lets a test inject a script of its own (axe), which the portal's policy forbids.
    /// </summary>
    public async Task<IPage> NewPageAsync(KestrelPortal host, bool bypassCsp = false)
    {
        var context = await (browser ?? throw NotStarted()).NewContextAsync(new()
        {
            BaseURL = host.BaseUrl.ToString(),
            BypassCSP = bypassCsp,
            Locale = "de-DE",
            ViewportSize = new() { Width = 1200, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        // a script error of the portal fails the test that caused it
        page.PageError += (_, message) => PageErrors.Add(message);
        return page;
    }

    /// <summary>Uncaught script errors of every page so far.</summary>
    public List<string> PageErrors { get; } = [];

    /// <summary>Saves the page as TestResults/screenshots/<paramref name="name"/>.png, after checking it shows no leaked value.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        await AssertShowsNoRawValuesAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    /// <summary>No "null", "undefined", object or JSON text reached the screen (the portal must never show raw data).</summary>
    public static async Task AssertShowsNoRawValuesAsync(IPage page)
    {
        var text = await page.Locator("body").InnerTextAsync();
        foreach (var leak in new[] { "null", "undefined", "[object", "{\"", "NaN" })
        {
            Assert.False(text.Contains(leak, StringComparison.Ordinal), $"The page shows '{leak}': {text}");
        }
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }
        playwright?.Dispose();
        if (portal is not null)
        {
            await portal.DisposeAsync();
        }
        await Services.DisposeAsync();
    }

    /// <summary>
    /// The link to <paramref name="page"/> (<c>activate</c> or <c>reset-password</c>) in the first mail to
    /// <paramref name="email"/> that has one, as MailDev received it (it points to the host that sent it).
    /// </summary>
    public async Task<string> MailLinkAsync(string email, string page = "activate")
    {
        var mail = await Services.Mail.WaitForMailAsync(m => m.To.Contains(email) && LinkIn(m.Text, page) is not null, KestrelPortal.MailTimeout);
        return LinkIn(mail.Text, page)!;
    }

    private static string? LinkIn(string? text, string page) =>
        LinkPattern().Matches(text ?? "").FirstOrDefault(m => m.Groups[1].Value == page)?.Value;

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/(activate|reset-password)#token=[A-Za-z0-9_-]+")]
    private static partial Regex LinkPattern();

    private static InvalidOperationException NotStarted() => new("BrowserFixture has not started.");
}

/// <summary>The browser test classes share one <see cref="BrowserFixture"/> and run one after the other.</summary>
[CollectionDefinition(Name)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "xunit's convention for collection definitions")]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
