namespace PortalAccess.BrowserTests.Support;

/// <summary>A browser test: shares the run's <see cref="BrowserFixture"/> (services, host, chromium) with the other browser tests.</summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(BrowserFixture browser) : IAsyncLifetime
{
    /// <summary>The run's services, host and chromium.</summary>
    protected BrowserFixture Browser => browser;

    /// <summary>The host shared by the tests that need no fake clock.</summary>
    protected KestrelPortal Portal => browser.Portal;

    public Task InitializeAsync()
    {
        browser.PageErrors.Clear();
        return Task.CompletedTask;
    }

    /// <summary>A script error of the portal during the test fails it, even when the page looked right.</summary>
    public Task DisposeAsync()
    {
        Assert.Empty(browser.PageErrors);
        return Task.CompletedTask;
    }

    /// <summary>A new customer whose owner has signed in to the portal in a new browser window.</summary>
    protected async Task<(Session Owner, IPage Page)> SignedInOwnerAsync()
    {
        var owner = await Portal.Client.NewOwnerAsync();
        var page = await browser.NewPageAsync(Portal);
        await PortalSteps.SignInAsync(page, owner.Login, owner.Password);
        return (owner, page);
    }
}
