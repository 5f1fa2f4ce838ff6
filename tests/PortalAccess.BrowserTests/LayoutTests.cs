namespace PortalAccess.BrowserTests;

/// <summary>
/// Long German words (BENACHRICHTIGUNGEN, BENUTZERVERWALTUNG in capitals) stay inside their boxes on a desktop and on a
/// phone: nothing on a page is wider than the box that holds it, and the page never scrolls sideways.
/// </summary>
public sealed class LayoutTests(BrowserFixture browser) : BrowserTest(browser)
{
    // every element of the page whose content is wider than it (1 px of rounding allowed), named by its text
    private const string Overflowing = """
        () => [...document.querySelectorAll('main, main *')]
          .filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible')
          .map(e => `${e.tagName.toLowerCase()}.${e.className}: ${e.textContent.trim().slice(0, 40)}`)
        """;

    [Theory]
    [InlineData(1280, 800)]
    [InlineData(375, 812)]
    public async Task TheOverview_KeepsEveryAreaNameInsideItsTile(int width, int height)
    {
        var (_, page) = await SignedInOwnerAsync();
        await page.SetViewportSizeAsync(width, height);
        // the owner holds all 15 areas: every name of the catalog is on the page
        await Expect(page.Locator(".tile")).ToHaveCountAsync(15);
        await Expect(page.Locator(".tile", new() { HasText = "Benutzerverwaltung" })).ToBeVisibleAsync();

        var overflowing = await page.EvaluateAsync<string[]>(Overflowing);
        var pageWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        await BrowserFixture.ScreenshotAsync(page, $"30-overview-{width}px");

        Assert.Empty(overflowing);
        Assert.True(pageWidth <= width, $"the page is {pageWidth} px wide in a {width} px window");
    }
}
