using System.Net;
using System.Text.Json;

namespace PortalAccess.BrowserTests;

/// <summary>The portal's own promises: data shown as text, every failure as a sentence, edits that do not overwrite others.</summary>
public sealed class PortalPagesTests(BrowserFixture browser) : BrowserTest(browser)
{
    private const string Markup = "<img src=x onerror=\"window.pwned=1\">";

    [Fact]
    public async Task NamesAndAddresses_AreShownAsText_NeverAsMarkup()
    {
        var owner = await Portal.Client.NewOwnerAsync();
        var created = await Portal.Client.SendAsync(HttpMethod.Post, "/api/users",
            new { name = Markup, email = PortalClient.NewEmail(), areas = new[] { "shop" } }, owner.AccessToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var page = await Browser.NewPageAsync(Portal);
        await PortalSteps.SignInAsync(page, owner.Login, owner.Password);
        await page.GotoAsync("/#/users");
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = Markup, Exact = true })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = $"Bearbeiten: {Markup}" }).ClickAsync();
        await Expect(page.GetByLabel("Name")).ToHaveValueAsync(Markup);

        Assert.Equal(0, await page.Locator("main img").CountAsync());
        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.pwned"));
    }

    [Fact]
    public async Task SavingAUserChangedMeanwhile_ReloadsItInsteadOfOverwriting()
    {
        var owner = await Portal.Client.NewOwnerAsync();
        var email = PortalClient.NewEmail();
        var created = await Portal.Client.SendAsync(HttpMethod.Post, "/api/users", new { name = "First Name", email, areas = new[] { "shop" } }, owner.AccessToken);
        var id = (await PortalClient.JsonAsync(created)).GetProperty("id").GetString();

        var page = await Browser.NewPageAsync(Portal);
        await PortalSteps.SignInAsync(page, owner.Login, owner.Password);
        await page.GotoAsync($"/#/users/{id}");
        await Expect(page.GetByLabel("Name")).ToHaveValueAsync("First Name");
        var meanwhile = await Portal.Client.SendAsync(HttpMethod.Put, $"/api/users/{id}", new { name = "Changed Elsewhere", email, areas = new[] { "shop" } },
            owner.AccessToken, created.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, meanwhile.StatusCode);

        await page.GetByLabel("Name").FillAsync("My Edit");
        await page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
        await Expect(PortalSteps.Message(page, "inzwischen geändert")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Name")).ToHaveValueAsync("Changed Elsewhere");
        await BrowserFixture.ScreenshotAsync(page, "09-changed-meanwhile");
    }

    [Fact]
    public async Task SavingADeskChangedMeanwhile_ReloadsItInsteadOfOverwriting()
    {
        var owner = await Portal.Client.NewOwnerAsync();
        var email = PortalClient.NewEmail("desk");
        var created = await Portal.Client.SendAsync(HttpMethod.Post, "/api/officedesks",
            new { name = "Front Desk", email, extension = "21", features = new[] { "voicemail" } }, owner.AccessToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await PortalClient.JsonAsync(created)).GetProperty("id").GetString();

        var page = await Browser.NewPageAsync(Portal);
        await PortalSteps.SignInAsync(page, owner.Login, owner.Password);
        await page.GotoAsync($"/#/desks/{id}");
        await Expect(page.GetByLabel("Name")).ToHaveValueAsync("Front Desk");
        var meanwhile = await Portal.Client.SendAsync(HttpMethod.Put, $"/api/officedesks/{id}",
            new { name = "Desk Renamed Elsewhere", email, extension = "22", features = new[] { "voicemail" } }, owner.AccessToken, created.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, meanwhile.StatusCode);

        await page.GetByLabel("Name").FillAsync("My Desk Edit");
        await page.GetByLabel("Durchwahl").FillAsync("23");
        await page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
        await Expect(PortalSteps.Message(page, "inzwischen geändert")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Name")).ToHaveValueAsync("Desk Renamed Elsewhere");
        await Expect(page.GetByLabel("Durchwahl")).ToHaveValueAsync("22");
        await BrowserFixture.ScreenshotAsync(page, "19-desk-changed-meanwhile");

        // saving again now works with the version just loaded
        await page.GetByLabel("Name").FillAsync("My Desk Edit");
        await page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
        await Expect(PortalSteps.Message(page, "Gespeichert.")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Name")).ToHaveValueAsync("My Desk Edit");
    }

    [Fact]
    public async Task AuditTrail_ShowsEachChangedFieldBeforeAndAfter_AsText_InBothLanguages()
    {
        var owner = await Portal.Client.NewOwnerAsync();
        var email = PortalClient.NewEmail();
        var created = await Portal.Client.SendAsync(HttpMethod.Post, "/api/users", new { name = "Old Name", email, areas = new[] { "shop", "contacts" } }, owner.AccessToken);
        var id = (await PortalClient.JsonAsync(created)).GetProperty("id").GetString();
        var updated = await Portal.Client.SendAsync(HttpMethod.Put, $"/api/users/{id}", new { name = Markup, email, areas = new[] { "contacts", "fax" } },
            owner.AccessToken, created.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var desk = await Portal.Client.SendAsync(HttpMethod.Post, "/api/officedesks",
            new { name = "Reception", email = PortalClient.NewEmail("desk"), extension = "12", features = new[] { "voicemail", "contacts" } }, owner.AccessToken);
        Assert.Equal(HttpStatusCode.Created, desk.StatusCode);

        var page = await Browser.NewPageAsync(Portal);
        await PortalSteps.SignInAsync(page, owner.Login, owner.Password);
        await page.GotoAsync("/#/audit");
        var deskAdded = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "OfficeDesk angelegt" });
        await Expect(deskAdded.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Funktionen" })).ToHaveTextAsync("Funktionen: Kontakte, Anrufbeantworter");
        await Expect(deskAdded.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Durchwahl" })).ToHaveTextAsync("Durchwahl: 12");
        var changed = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Benutzer:in geändert" });
        await Expect(changed.GetByRole(AriaRole.Listitem)).ToHaveTextAsync([$"Name: Old Name → {Markup}", "Bereiche: Kontakte, Shop → Kontakte, Fax versenden"]);
        var added = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Benutzer:in angelegt" });
        await Expect(added.GetByRole(AriaRole.Listitem)).ToHaveTextAsync(["Name: Old Name", $"E-Mail: {email}", "Bereiche: Kontakte, Shop"]);
        Assert.Equal(0, await page.Locator("main img").CountAsync());
        await BrowserFixture.ScreenshotAsync(page, "20-audit-changes");

        await page.GetByRole(AriaRole.Button, new() { Name = "EN", Exact = true }).ClickAsync();
        changed = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "User changed" });
        await Expect(changed.GetByRole(AriaRole.Listitem)).ToHaveTextAsync([$"Name: Old Name → {Markup}", "Areas: Contacts, Shop → Contacts, Send fax"]);
        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.pwned"));
    }

    [Fact]
    public async Task AFieldThePortalDoesNotKnow_GetsAGeneralSentenceInTheCurrentLanguage_NeverTheApiText()
    {
        var (_, page) = await SignedInOwnerAsync();
        const string apiText = "The value does not have the expected type.";
        await page.RouteAsync("**/api/users", route => route.FulfillAsync(new()
        {
            Status = 400,
            ContentType = "application/problem+json",
            Body = JsonSerializer.Serialize(new
            {
                type = "https://portalaccess.dev/problems/validation", title = "Validation failed.", status = 400,
                errors = new Dictionary<string, string[]> { ["email"] = [apiText], ["nickname"] = [apiText], ["areas"] = ["'x' is not in the catalog."] },
            }),
        }));
        await page.GotoAsync("/#/users/new");
        await page.GetByLabel("Name").FillAsync("Someone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
        await Expect(page.GetByText("Bitte geben Sie eine gültige E-Mail-Adresse an")).ToBeVisibleAsync();
        await Expect(PortalSteps.Message(page, "Bitte prüfen Sie die Angabe „nickname“.")).ToBeVisibleAsync();
        await Expect(PortalSteps.Message(page, "Bitte wählen Sie nur Bereiche aus der Liste")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("E-Mail")).ToHaveAttributeAsync("aria-invalid", "true");
        await BrowserFixture.ScreenshotAsync(page, "21-field-problems");

        await page.GetByRole(AriaRole.Button, new() { Name = "EN", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Add user" })).ToBeVisibleAsync();
        await page.GetByLabel("Name").FillAsync("Someone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByText("Please enter a valid e-mail address")).ToBeVisibleAsync();
        await Expect(PortalSteps.Message(page, "Please check the entry “nickname”.")).ToBeVisibleAsync();
        Assert.DoesNotContain(apiText, await page.Locator("body").InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("catalog", await page.Locator("body").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NetworkFailureAndBusyService_ShowASentenceAndARetryButton()
    {
        var (_, page) = await SignedInOwnerAsync();

        await page.RouteAsync("**/api/users", route => route.AbortAsync());
        await page.GetByRole(AriaRole.Link, new() { Name = "Benutzerverwaltung" }).ClickAsync();
        await Expect(PortalSteps.Message(page, "Keine Verbindung zum Server")).ToBeVisibleAsync();
        await page.UnrouteAllAsync();

        await page.RouteAsync("**/api/users", route => route.FulfillAsync(new()
        {
            Status = 503,
            ContentType = "application/problem+json",
            Headers = new Dictionary<string, string> { ["Retry-After"] = "7" },
            Body = JsonSerializer.Serialize(new { type = "https://portalaccess.dev/problems/unavailable", title = "Service unavailable.", status = 503 }),
        }));
        await page.GetByRole(AriaRole.Button, new() { Name = "Erneut versuchen" }).ClickAsync();
        await Expect(PortalSteps.Message(page, "in 7 Sekunden erneut")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "10-service-busy");
        await page.UnrouteAllAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Erneut versuchen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Benutzer:innen verwalten" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Es sind noch keine Benutzer:innen angelegt.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Owner_AddsAnOfficeDesk_InEnglish_AndFindsItInTheAuditTrail()
    {
        var (_, page) = await SignedInOwnerAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "EN", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My areas" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "OfficeDesks" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "+ Add OfficeDesk" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync("Reception");
        await page.GetByLabel("E-mail").FillAsync(PortalClient.NewEmail("desk"));
        await page.GetByLabel("Extension").FillAsync("12x");
        await page.GetByLabel("Voicemail").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByText("The extension consists of digits only (1 to 10).")).ToBeVisibleAsync();
        await page.GetByLabel("Extension").FillAsync("12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(PortalSteps.Message(page, "Created.")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "11-officedesk-edit-en");
        await page.GetByRole(AriaRole.Link, new() { Name = "Back" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Reception", Exact = true })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "11-officedesks-en");

        await page.GetByRole(AriaRole.Link, new() { Name = "Audit trail" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Reception", Exact = true })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "12-audit-en");
    }

    [Fact]
    public async Task Session_SurvivesAReload_KeepsNoTokenInLocalStorage_AndEndsOnSignOut()
    {
        var (owner, page) = await SignedInOwnerAsync();
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" })).ToBeVisibleAsync();
        Assert.Equal(0, await page.EvaluateAsync<int>("() => Object.keys(localStorage).filter(k => k !== 'portal.lang').length"));

        await page.GetByRole(AriaRole.Link, new() { Name = "Passwort ändern" }).ClickAsync();
        await page.GetByLabel("Aktuelles Passwort").FillAsync("not the current one");
        await page.GetByLabel("Neues Passwort", new() { Exact = true }).FillAsync("another long passphrase");
        await page.GetByLabel("Neues Passwort wiederholen").FillAsync("another long passphrase");
        await page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
        await Expect(page.GetByText("Das aktuelle Passwort stimmt nicht.")).ToBeVisibleAsync();
        await page.GetByLabel("Aktuelles Passwort").FillAsync(owner.Password);
        await page.GetByLabel("Neues Passwort", new() { Exact = true }).FillAsync("another long passphrase");
        await page.GetByLabel("Neues Passwort wiederholen").FillAsync("another long passphrase");
        await page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
        await Expect(PortalSteps.Message(page, "Ihr Passwort wurde geändert.")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "13-password");

        await page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Anmelden" })).ToBeVisibleAsync();
        Assert.Equal(0, await page.EvaluateAsync<int>("() => sessionStorage.length"));
        await PortalSteps.SubmitSignInAsync(page, owner.Login, owner.Password);
        await Expect(PortalSteps.Message(page, "Anmeldung fehlgeschlagen")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "14-sign-in-failed");
    }
}
