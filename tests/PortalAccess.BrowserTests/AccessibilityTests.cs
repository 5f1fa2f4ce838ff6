using System.Net;
using System.Text.Json;

namespace PortalAccess.BrowserTests;

/// <summary>Every page of the portal, checked with axe-core (WCAG 2.0, 2.1 and 2.2 A and AA: contrast, labels, names, structure).</summary>
public sealed class AccessibilityTests(BrowserFixture browser) : BrowserTest(browser)
{
    // npm's axe-core (package.json); injected into the page, which the portal's Content-Security-Policy forbids on its own
    private static readonly string Axe = Path.Combine(RepoPaths.Root, "node_modules", "axe-core", "axe.min.js");

    private readonly List<string> violations = [];

    [Fact]
    public async Task EveryPage_HasNoWcagAOrAAViolation()
    {
        Assert.True(File.Exists(Axe), $"{Axe} is missing: run `npm ci` at the repository root.");
        var owner = await Portal.Client.NewOwnerAsync();
        var email = PortalClient.NewEmail();
        var user = await Portal.Client.SendAsync(HttpMethod.Post, "/api/users", new { name = "Erika Muster", email, areas = new[] { "shop", "contacts" } }, owner.AccessToken);
        Assert.Equal(HttpStatusCode.Created, user.StatusCode);
        var userId = (await PortalClient.JsonAsync(user)).GetProperty("id").GetString();
        var desk = await Portal.Client.SendAsync(HttpMethod.Post, "/api/officedesks",
            new { name = "Reception", email = PortalClient.NewEmail("desk"), extension = "10", features = new[] { "voicemail" } }, owner.AccessToken);
        var deskId = (await PortalClient.JsonAsync(desk)).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await new TelephonySender(Portal.Client.Http).SendAsync(TelephonySender.Event("pbx.device.created",
            new { customerNumber = owner.Login, deviceId = "dev-a11y", deviceType = "webrtc", extension = "31", userName = "Web Phone", userEmail = PortalClient.NewEmail("webrtc") }))).StatusCode);
        var admin = await Portal.Client.NewUserAsync(owner, "user-management", "contacts");

        var page = await Browser.NewPageAsync(Portal, bypassCsp: true);
        await page.GotoAsync("/");
        await CheckAsync(page, "sign-in", "Anmelden");
        await PortalSteps.SubmitSignInAsync(page, owner.Login, "not the password");
        await Expect(PortalSteps.Message(page, "Anmeldung fehlgeschlagen")).ToBeVisibleAsync();
        await CheckAsync(page, "sign-in failed", "Anmelden");
        await page.GetByRole(AriaRole.Link, new() { Name = "Passwort vergessen?" }).ClickAsync();
        await CheckAsync(page, "request a new link", "Neuen Link anfordern");

        await page.GotoAsync(await Browser.MailLinkAsync(email));
        await Expect(page.GetByText("Hallo Erika Muster")).ToBeVisibleAsync();
        await CheckAsync(page, "set password", "Passwort setzen");
        // a new path, so the page loads again (a change of the hash alone would not)
        await page.GotoAsync("/");
        await page.GotoAsync("/activate#token=not-a-real-token");
        await CheckAsync(page, "link expired", "Link abgelaufen");

        await page.GotoAsync("/");
        await PortalSteps.SubmitSignInAsync(page, owner.Login, owner.Password);
        await CheckAsync(page, "home", "Meine Bereiche");
        await GoAsync(page, "#/users", "users", "Benutzer:innen verwalten");
        await GoAsync(page, $"#/users/{userId}", "user edit", "Benutzer:in bearbeiten");
        await page.GetByRole(AriaRole.Button, new() { Name = "Benutzer:in entfernen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        await CheckAsync(page, "remove dialog", null);
        await page.Keyboard.PressAsync("Escape");
        await GoAsync(page, "#/users/new", "user add", "Benutzer:in hinzufügen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
        await Expect(PortalSteps.Message(page, "Bitte prüfen Sie")).ToBeVisibleAsync();
        await CheckAsync(page, "user add with field errors", "Benutzer:in hinzufügen");
        await GoAsync(page, "#/desks", "desks", "OfficeDesks");
        await GoAsync(page, $"#/desks/{deskId}", "desk edit", "OfficeDesk bearbeiten");
        await GoAsync(page, "#/desks/new", "desk add", "OfficeDesk hinzufügen");
        await page.GetByRole(AriaRole.Link, new() { Name = "OfficeDesks" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Ansehen: Web Phone" }).ClickAsync();
        await CheckAsync(page, "desk of the telephone system", "VoIP App / WebRTC");
        await GoAsync(page, "#/audit", "audit trail", "Protokoll");
        await GoAsync(page, "#/password", "password", "Passwort ändern");
        await GoAsync(page, "#/nowhere", "not found", "Diese Seite gibt es nicht.");
        await page.GetByRole(AriaRole.Button, new() { Name = "EN", Exact = true }).ClickAsync();
        await GoAsync(page, "#/", "home (English)", "My areas");
        await GoAsync(page, "#/audit", "audit trail (English)", "Audit trail");

        // a delegated admin sees the areas it lacks as disabled, with the reason next to them
        var adminPage = await Browser.NewPageAsync(Portal, bypassCsp: true);
        await PortalSteps.SignInAsync(adminPage, admin.Login, admin.Password);
        await GoAsync(adminPage, "#/users/new", "user add by a delegated admin", "Benutzer:in hinzufügen");

        Assert.True(violations.Count == 0, $"axe found {violations.Count} violation(s):\n{string.Join("\n", violations)}");
    }

    private async Task GoAsync(IPage page, string hash, string name, string heading)
    {
        await page.GotoAsync("/" + hash);
        await CheckAsync(page, name, heading);
    }

    /// <summary>Waits for the page's <paramref name="heading"/> (its data has arrived), then runs axe on the whole document.</summary>
    private async Task CheckAsync(IPage page, string name, string? heading)
    {
        if (heading is not null)
        {
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true })).ToBeVisibleAsync();
            await Expect(page.GetByText("Wird geladen …")).ToHaveCountAsync(0);
        }
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.AddScriptTagAsync(new() { Path = Axe });
        }
        var found = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })).violations
              .map(v => `${v.id} (${v.impact}): ${v.help}\n` + v.nodes.map(n => `      ${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`).join('\n'))
            """);
        violations.AddRange(found.EnumerateArray().Select(v => $"  [{name}] {v.GetString()}"));
    }
}
