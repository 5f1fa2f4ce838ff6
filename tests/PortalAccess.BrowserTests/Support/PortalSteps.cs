namespace PortalAccess.BrowserTests.Support;

/// <summary>What a person does in the portal again and again, as the tests do it.</summary>
public static class PortalSteps
{
    public const string LoginLabel = "Kundennummer, E-Mail oder Rufnummer";

    /// <summary>Signs in on the German sign-in page and waits for the signed-in header.</summary>
    public static async Task SignInAsync(IPage page, string login, string password)
    {
        await page.GotoAsync("/");
        await SubmitSignInAsync(page, login, password);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" })).ToBeVisibleAsync();
    }

    /// <summary>Fills in the sign-in form on the page and submits it, whatever it answers.</summary>
    public static async Task SubmitSignInAsync(IPage page, string login, string password)
    {
        await page.GetByLabel(LoginLabel).FillAsync(login);
        await page.GetByLabel("Passwort", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
    }

    /// <summary>The message box (role alert or status) that contains <paramref name="text"/>.</summary>
    public static ILocator Message(IPage page, string text) =>
        page.Locator("[role=alert], [role=status]").Filter(new() { HasText = text });
}
