namespace PortalAccess.BrowserTests.Support;

/// <summary>A browser test: shares the run's <see cref="BrowserFixture"/> (services, host, chromium) with the other browser tests.</summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(BrowserFixture browser)
{
    /// <summary>The run's services, host and chromium.</summary>
    protected BrowserFixture Browser => browser;

    /// <summary>The host shared by the tests that need no fake clock.</summary>
    protected KestrelPortal Portal => browser.Portal;
}
