using System.Net;
using System.Text.RegularExpressions;

namespace PortalAccess.BrowserTests;

/// <summary>With English switched on, every page speaks English: its own texts, and no German text of the portal's tables.</summary>
public sealed partial class EnglishPagesTests(BrowserFixture browser) : BrowserTest(browser)
{
    private static readonly string I18n = Path.Combine(RepoPaths.Root, "functions", "PortalAccess.Standalone", "wwwroot", "js", "i18n.js");

    [Fact]
    public async Task EveryPage_InEnglish_ShowsNoGermanTextOfThePortal()
    {
        var owner = await Portal.Client.NewOwnerAsync();
        var email = PortalClient.NewEmail();
        var user = await Portal.Client.SendAsync(HttpMethod.Post, "/api/users", new { name = "Jane Doe", email, areas = new[] { "shop", "contacts" } }, owner.AccessToken);
        Assert.Equal(HttpStatusCode.Created, user.StatusCode);
        var userId = (await PortalClient.JsonAsync(user)).GetProperty("id").GetString();
        var updated = await Portal.Client.SendAsync(HttpMethod.Put, $"/api/users/{userId}", new { name = "Jane Roe", email, areas = new[] { "contacts" } },
            owner.AccessToken, user.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var desk = await Portal.Client.SendAsync(HttpMethod.Post, "/api/officedesks",
            new { name = "Reception", email = PortalClient.NewEmail("desk"), extension = "10", features = new[] { "voicemail" } }, owner.AccessToken);
        var deskId = (await PortalClient.JsonAsync(desk)).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await new TelephonySender(Portal.Client.Http).SendAsync(TelephonySender.Event("pbx.device.created",
            new { customerNumber = owner.Login, deviceId = "dev-en", deviceType = "webrtc", extension = "31", userName = "Web Phone", userEmail = PortalClient.NewEmail("webrtc") }))).StatusCode);

        var page = await Browser.NewPageAsync(Portal);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "EN", Exact = true }).ClickAsync();
        await AssertEnglishAsync(page, "Sign in", "Customer number, e-mail or phone number", "Forgot your password?");
        await page.GetByLabel("Customer number, e-mail or phone number").FillAsync(owner.Login);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("not the password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await AssertEnglishAsync(page, "Sign in", "Sign-in failed");
        await page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" }).ClickAsync();
        await AssertEnglishAsync(page, "Request a new link", "Request link", "To sign-in");

        await page.GotoAsync(await Browser.MailLinkAsync(email));
        await AssertEnglishAsync(page, "Set password", "Hello Jane", "Repeat new password");
        await page.GotoAsync("/");
        await page.GotoAsync("/activate#token=not-a-real-token");
        await AssertEnglishAsync(page, "Link expired", "This link has expired");

        await page.GotoAsync("/");
        await page.GetByLabel("Customer number, e-mail or phone number").FillAsync(owner.Login);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(owner.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await AssertEnglishAsync(page, "My areas", "Signed in as:", "Sign out", "User management", "Audit trail");

        await GoAsync(page, "#/users", "Manage users", "+ Add user", "Load more", "invited");
        await GoAsync(page, $"#/users/{userId}", "Edit user", "Remove user", "Resend invitation", "Permission", "Access to");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove user" }).ClickAsync();
        await AssertEnglishAsync(page, null, "Do you really want to remove Jane Roe?", "Cancel", "Delete");
        await page.Keyboard.PressAsync("Escape");
        await GoAsync(page, "#/users/new", "Add user", "Save", "Back");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await AssertEnglishAsync(page, "Add user", "Please check the marked fields.", "Please enter a name");

        await GoAsync(page, "#/desks", "OfficeDesks", "+ Add OfficeDesk", "VoIP app / WebRTC", "Cloud PBX");
        await GoAsync(page, $"#/desks/{deskId}", "Edit OfficeDesk", "Remove OfficeDesk", "Extension", "Features");
        await GoAsync(page, "#/desks/new", "Add OfficeDesk", "Save");
        await page.GetByRole(AriaRole.Link, new() { Name = "OfficeDesks" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "View: Web Phone" }).ClickAsync();
        await AssertEnglishAsync(page, "VoIP app / WebRTC", "managed by the telephone system");

        await GoAsync(page, "#/audit", "Audit trail", "User changed", "Name: Jane Doe → Jane Roe", "Areas: Contacts, Shop → Contacts", "Customer account created");
        await GoAsync(page, "#/password", "Change password", "Current password", "12 to 128 characters");
        await page.GetByLabel("Current password").FillAsync("not the current one");
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("another long passphrase");
        await page.GetByLabel("Repeat new password").FillAsync("a different passphrase");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await AssertEnglishAsync(page, "Change password", "The two passwords do not match.");
        await GoAsync(page, "#/nowhere", "This page does not exist.", "Overview");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await AssertEnglishAsync(page, "Sign in", "Customer number, e-mail or phone number");
    }

    private static async Task GoAsync(IPage page, string hash, string heading, params string[] known)
    {
        await page.GotoAsync("/" + hash);
        await AssertEnglishAsync(page, heading, known);
    }

    /// <summary>
    /// The page shows <paramref name="heading"/> and the <paramref name="known"/> English texts, and none of the German
    /// texts of i18n.js in its text, title or accessible labels.
    /// </summary>
    private static async Task AssertEnglishAsync(IPage page, string? heading, params string[] known)
    {
        if (heading is not null)
        {
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true })).ToBeVisibleAsync();
        }
        await Expect(page.GetByText("Loading …")).ToHaveCountAsync(0);
        foreach (var text in known)
        {
            await Expect(page.Locator("body")).ToContainTextAsync(text);
        }
        Assert.Equal("en", await page.EvaluateAsync<string>("() => document.documentElement.lang"));
        var shown = await page.EvaluateAsync<string>("""
            () => [document.title, document.body.innerText,
                   ...[...document.querySelectorAll('[aria-label]')].map(e => e.getAttribute('aria-label'))].join('\n')
            """);
        var german = GermanTexts.Value.Where(text => Regex.IsMatch(shown, $@"(?<!\p{{L}}){Regex.Escape(text)}(?!\p{{L}})")).ToList();
        Assert.True(german.Count == 0, $"German text on the English page '{heading}': {string.Join(" | ", german)}\n---\n{shown}");
    }

    /// <summary>
    /// The German texts of i18n.js (the `de` tables), cut at their {placeholders}, without those that read the same in
    /// English (Name, Status, OfficeDesks…).
    /// </summary>
    private static readonly Lazy<IReadOnlyList<string>> GermanTexts = new(() =>
    {
        var tables = Tables(File.ReadAllLines(I18n));
        return [.. tables["de"]
            .SelectMany(text => Placeholder().Split(text))
            .Select(text => text.Trim(' ', ',', '.', ':', '(', ')'))
            .Where(text => text.Length >= 3 && !tables["en"].Any(en => en.Contains(text, StringComparison.Ordinal)))
            .Distinct()];
    });

    /// <summary>The string values of every `de: {…}` and `en: {…}` table (and `de: '…'` line) of the file, by language.</summary>
    private static Dictionary<string, List<string>> Tables(string[] lines)
    {
        var tables = new Dictionary<string, List<string>> { ["de"] = [], ["en"] = [] };
        string? language = null;
        var indent = 0;
        foreach (var line in lines)
        {
            if (language is null)
            {
                var start = TableStart().Match(line);
                if (!start.Success)
                {
                    continue;
                }
                var lang = start.Groups["lang"].Value;
                if (!start.Groups["open"].Success)
                {
                    tables[lang].Add(SingleString().Match(line).Groups[1].Value);
                    continue;
                }
                var rest = line[start.Length..];
                tables[lang].AddRange(Strings().Matches(rest).Select(m => m.Groups[1].Value));
                // a table on one line closes where it opens
                if (!rest.TrimEnd().TrimEnd(',').EndsWith('}'))
                {
                    (language, indent) = (lang, start.Groups["indent"].Length);
                }
                continue;
            }
            if (line.TrimEnd() == new string(' ', indent) + "},")
            {
                language = null;
                continue;
            }
            tables[language].AddRange(Strings().Matches(line).Select(m => m.Groups[1].Value));
        }
        return tables;
    }

    [GeneratedRegex(@"^(?<indent>\s*)(?<lang>de|en): (?<open>\{)?")]
    private static partial Regex TableStart();

    [GeneratedRegex(@"(?:'[^']*'|\w+)\s*:\s*'((?:[^'\\]|\\.)*)'")]
    private static partial Regex Strings();

    [GeneratedRegex(@"^\s*(?:de|en): '((?:[^'\\]|\\.)*)'")]
    private static partial Regex SingleString();

    [GeneratedRegex(@"\{\w+\}")]
    private static partial Regex Placeholder();
}
