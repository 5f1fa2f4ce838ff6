using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace PortalAccess.BrowserTests;

/// <summary>The story of issue 2 as a person does it: in chromium, through the reference portal, with the link from the mail.</summary>
public sealed class UserStoryInBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    private const string NewPassword = "a long and new passphrase";

    [Fact]
    public async Task Owner_AddsUserWithThreeAreas_UserActivatesFromTheMail_AndSeesExactlyThoseAreas()
    {
        var (owner, page) = await SignedInOwnerAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Meine Bereiche" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "01-owner-home");

        await page.GetByRole(AriaRole.Link, new() { Name = "Benutzerverwaltung" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Benutzer:innen verwalten" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "02-users-empty");
        await page.GetByRole(AriaRole.Link, new() { Name = "+ Benutzer:in hinzufügen" }).ClickAsync();

        var email = PortalClient.NewEmail();
        await page.GetByLabel("Name").FillAsync("Erika Muster");
        await page.GetByLabel("E-Mail").FillAsync(email);
        foreach (var area in new[] { "Rechnungen und EVN", "Kontakte", "Fax versenden" })
        {
            await page.GetByLabel(area, new() { Exact = true }).CheckAsync();
        }
        await BrowserFixture.ScreenshotAsync(page, "03-user-add");
        await page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Angelegt" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Zurück" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = email })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "04-users-list");

        var user = await Browser.NewPageAsync(Portal);
        await user.GotoAsync(await Browser.MailLinkAsync(email));
        await Expect(user.GetByText("Hallo Erika Muster")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(user, "05-activate");
        await SetPasswordAsync(user);
        await Expect(user.GetByLabel("Kundennummer, E-Mail oder Rufnummer")).ToHaveValueAsync(email);
        await PortalSteps.SubmitSignInAsync(user, email, NewPassword);

        await Expect(user.Locator(".tile")).ToHaveCountAsync(3);
        Assert.Equal(["contacts", "fax", "invoices"], (await AreasShownAsync(user)).Order());
        await Expect(user.GetByRole(AriaRole.Link, new() { Name = "Benutzerverwaltung" })).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(user, "06-user-home");
        await user.GotoAsync("/#/users");
        await Expect(user.GetByRole(AriaRole.Heading, new() { Name = "Für diesen Bereich hat Ihr Konto keine Berechtigung." })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task DelegatedAdmin_CannotTickAnAreaItLacks_AndTheApiWouldRefuseIt()
    {
        var owner = await Portal.Client.NewOwnerAsync();
        var admin = await Portal.Client.NewUserAsync(owner, "user-management", "invoices", "contacts");
        var page = await Browser.NewPageAsync(Portal);
        await PortalSteps.SignInAsync(page, admin.Login, admin.Password);
        await page.GetByRole(AriaRole.Link, new() { Name = "Benutzerverwaltung" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "+ Benutzer:in hinzufügen" }).ClickAsync();

        await Expect(page.GetByLabel("Kontakte", new() { Exact = true })).ToBeEnabledAsync();
        await Expect(page.GetByLabel("Rechnungen und EVN", new() { Exact = true })).ToBeEnabledAsync();
        await Expect(page.GetByLabel("Shop", new() { Exact = true })).ToBeDisabledAsync();
        await Expect(page.GetByLabel("Cloud Telefonanlage", new() { Exact = true })).ToBeDisabledAsync();
        await Expect(page.Locator("table.grants input:enabled")).ToHaveCountAsync(3);
        await BrowserFixture.ScreenshotAsync(page, "07-delegated-admin-add");

        var refused = await Portal.Client.SendAsync(HttpMethod.Post, "/api/users",
            new { name = "Sneaky", email = PortalClient.NewEmail(), areas = new[] { "shop" } }, admin.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task ExpiredLink_LeadsToTheRequestANewLinkForm()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = KestrelPortal.Start(Browser.Services, clock);
        var owner = await host.Client.NewOwnerAsync();
        var email = PortalClient.NewEmail();
        var created = await host.Client.SendAsync(HttpMethod.Post, "/api/users", new { name = "Late Reader", email, areas = new[] { "shop" } }, owner.AccessToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var link = await Browser.MailLinkAsync(email);
        clock.Advance(TimeSpan.FromDays(8));

        var page = await Browser.NewPageAsync(host);
        await page.GotoAsync(link);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Link abgelaufen" })).ToBeVisibleAsync();
        Assert.DoesNotContain("token=", page.Url, StringComparison.Ordinal);
        await page.GetByLabel("Kundennummer, E-Mail oder Rufnummer").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Link anfordern" }).ClickAsync();
        await Expect(page.GetByText("Falls es diesen Zugang gibt")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "08-link-expired");
    }

    [Fact]
    public async Task ForgottenPassword_IsSetAgainThroughTheResetLinkFromTheMail()
    {
        var owner = await Portal.Client.NewOwnerAsync();
        var user = await Portal.Client.NewUserAsync(owner, "contacts");
        var page = await Browser.NewPageAsync(Portal);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Passwort vergessen?" }).ClickAsync();
        await page.GetByLabel(PortalSteps.LoginLabel).FillAsync(user.Login);
        await page.GetByRole(AriaRole.Button, new() { Name = "Link anfordern" }).ClickAsync();
        await Expect(PortalSteps.Message(page, "Falls es diesen Zugang gibt")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "17-reset-request");

        await page.GotoAsync(await Browser.MailLinkAsync(user.Login, "reset-password"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Passwort setzen" })).ToBeVisibleAsync();
        await SetPasswordAsync(page);
        await PortalSteps.SubmitSignInAsync(page, user.Login, NewPassword);
        await Expect(page.Locator(".tile")).ToHaveCountAsync(1);
    }

    private static async Task SetPasswordAsync(IPage page)
    {
        await page.GetByLabel("Neues Passwort", new() { Exact = true }).FillAsync(NewPassword);
        await page.GetByLabel("Neues Passwort wiederholen").FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Passwort setzen" }).ClickAsync();
        await Expect(page.GetByText("Ihr Passwort ist gesetzt.")).ToBeVisibleAsync();
    }

    private static async Task<string[]> AreasShownAsync(IPage page) =>
        [.. (await page.Locator(".tile").AllAsync()).Select(tile => tile.GetAttributeAsync("data-area").Result!)];
}
