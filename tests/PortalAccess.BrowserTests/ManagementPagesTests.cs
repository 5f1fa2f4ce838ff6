using System.Net;
using PortalAccess.Principals;

namespace PortalAccess.BrowserTests;

/// <summary>Managing users and desks in the portal: removal after a question, invitations, paging, desks of the telephone system, the keyboard.</summary>
public sealed class ManagementPagesTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task Owner_ResendsAnInvitation_AndRemovesTheUserOnlyAfterConfirming()
    {
        var owner = await Portal.Client.NewOwnerAsync();
        var email = PortalClient.NewEmail();
        await Portal.Client.SendAsync(HttpMethod.Post, "/api/users", new { name = "Leaving Soon", email, areas = new[] { "shop" } }, owner.AccessToken);
        var firstLink = await Browser.MailLinkAsync(email);
        var page = await Browser.NewPageAsync(Portal);
        await PortalSteps.SignInAsync(page, owner.Login, owner.Password);
        await page.GotoAsync("/#/users");
        await page.GetByRole(AriaRole.Link, new() { Name = "Bearbeiten: Leaving Soon" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Einladung erneut senden" }).ClickAsync();
        await Expect(PortalSteps.Message(page, "Eine neue Einladung wurde verschickt")).ToBeVisibleAsync();
        Assert.NotEqual(PortalClient.TokenIn(firstLink), await NewestLinkAsync(email));

        await page.GetByRole(AriaRole.Button, new() { Name = "Benutzer:in entfernen" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Möchten Sie Leaving Soon wirklich entfernen?");
        await BrowserFixture.ScreenshotAsync(page, "15-remove-confirm");
        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.GetByLabel("Name")).ToHaveValueAsync("Leaving Soon");

        await page.GetByRole(AriaRole.Button, new() { Name = "Benutzer:in entfernen" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Löschen" }).ClickAsync();
        await Expect(PortalSteps.Message(page, "Entfernt.")).ToBeVisibleAsync();
        await Expect(page.GetByText("Es sind noch keine Benutzer:innen angelegt.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task DesksOfTheTelephoneSystem_AreShownAsSuch_AndCannotBeEdited()
    {
        var owner = await Portal.Client.NewOwnerAsync();
        var telephony = new TelephonySender(Portal.Client.Http);
        var number = $"+4930{Random.Shared.Next(1_000_000, 9_999_999)}";
        Assert.Equal(HttpStatusCode.OK, (await telephony.SendAsync(TelephonySender.Event("sip.account.upserted",
            new { customerNumber = owner.Login, sipAccountId = "sip-1", number, password = "sip secret one" }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await telephony.SendAsync(TelephonySender.Event("pbx.device.created",
            new { customerNumber = owner.Login, deviceId = "dev-1", deviceType = "webrtc", extension = "31", userName = "Web Phone", userEmail = PortalClient.NewEmail("webrtc") }))).StatusCode);

        var page = await Browser.NewPageAsync(Portal);
        await PortalSteps.SignInAsync(page, owner.Login, owner.Password);
        await page.GetByRole(AriaRole.Link, new() { Name = "OfficeDesks" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Web Phone" })).ToContainTextAsync("VoIP App / WebRTC");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = number })).ToContainTextAsync("SIP-Account");
        await BrowserFixture.ScreenshotAsync(page, "16-officedesks-telephony");

        await page.GetByRole(AriaRole.Link, new() { Name = "Ansehen: Web Phone" }).ClickAsync();
        await Expect(page.GetByText("wird von der Telefonanlage verwaltet")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Name")).ToBeDisabledAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Speichern" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "OfficeDesk entfernen" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task SignInAndTicking_WorkWithTheKeyboardAlone_WithAVisibleFocus()
    {
        var owner = await Portal.Client.NewOwnerAsync();
        var page = await Browser.NewPageAsync(Portal);
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Anmelden" })).ToBeFocusedAsync();
        await BrowserFixture.ScreenshotAsync(page, "00-sign-in");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel(PortalSteps.LoginLabel)).ToBeFocusedAsync();
        Assert.NotEqual("none", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"));
        await page.Keyboard.TypeAsync(owner.Login);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(owner.Password);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Meine Bereiche" })).ToBeFocusedAsync();

        await page.GotoAsync("/#/users/new");
        var contacts = page.GetByLabel("Kontakte", new() { Exact = true });
        await contacts.FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(contacts).ToBeCheckedAsync();
    }

    private async Task<string> NewestLinkAsync(string email)
    {
        var deadline = DateTimeOffset.UtcNow + KestrelPortal.MailTimeout;
        while (true)
        {
            var mails = (await Browser.Services.Mail.GetAllAsync()).Where(m => m.To.Contains(email)).ToList();
            if (mails.Count >= 2 || DateTimeOffset.UtcNow > deadline)
            {
                return PortalClient.TokenIn(mails[^1].Text ?? "");
            }
            await Task.Delay(150);
        }
    }
}
