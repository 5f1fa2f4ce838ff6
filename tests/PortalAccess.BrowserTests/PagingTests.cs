using System.Net;
using System.Text.Json;

namespace PortalAccess.BrowserTests;

/// <summary>"Weitere laden" on the long lists: every entry once, no empty page, and the button gone after the last one.</summary>
public sealed class PagingTests(BrowserFixture browser) : BrowserTest(browser)
{
    // exactly two pages of users (the API's page is 50): the second page is the last one and must say so
    private const int Users = 100;

    // more grant rows per user than the API's first guess (five), so that a page takes more than one storage request
    private static readonly string[] Areas = ["shop", "contacts", "fax", "sms", "call-list", "invoices"];

    [Fact]
    public async Task LoadingMoreUntilTheEnd_ShowsEveryUserAndEveryAuditEntryExactlyOnce()
    {
        var owner = await Portal.Client.NewOwnerAsync();
        var names = Enumerable.Range(1, Users).Select(i => $"Person {i:000}").ToList();
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (name, _) =>
        {
            var created = await Portal.Client.SendAsync(HttpMethod.Post, "/api/users",
                new { name, email = PortalClient.NewEmail(), areas = Areas }, owner.AccessToken);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        });
        var page = await Browser.NewPageAsync(Portal);
        await PortalSteps.SignInAsync(page, owner.Login, owner.Password);

        await page.GotoAsync("/#/users");
        var users = await LoadAllAsync(page, page.Locator("table.list:not(.audit)"), "td:first-child");
        Assert.Equal(names.Order(StringComparer.Ordinal), users.Order(StringComparer.Ordinal));

        // the whole trail in one page of 200, as the API holds it: the portal's pages of 50 must add up to it, in order
        var trail = await PortalClient.JsonAsync(await Portal.Client.SendAsync(HttpMethod.Get, "/api/audit?pageSize=200", token: owner.AccessToken));
        Assert.Equal(JsonValueKind.Null, trail.GetProperty("continuation").ValueKind);
        var expected = trail.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("target").GetProperty("name").GetString()!).ToList();
        Assert.Equal(Users, expected.Count(t => t.StartsWith("Person ", StringComparison.Ordinal)));
        await page.GetByRole(AriaRole.Link, new() { Name = "Protokoll" }).ClickAsync();
        // the audit page's own table (class "audit"): the users' table may still be on screen when the click returns
        var targets = await LoadAllAsync(page, page.Locator("table.list.audit"), "td:nth-child(4)");
        Assert.Equal(expected, targets);
        await BrowserFixture.ScreenshotAsync(page, "18-audit-all-pages");
    }

    [Fact]
    public async Task AnEmptyPageWithAContinuation_IsSkipped_AndTheLastPageHidesTheButton()
    {
        var (_, page) = await SignedInOwnerAsync();
        // the API as it may answer: a page, an empty page that still goes on, the last page
        var pages = new Dictionary<string, object>
        {
            [""] = new { items = new[] { User("u1", "First Person") }, continuation = "a" },
            ["a"] = new { items = Array.Empty<object>(), continuation = "b" },
            ["b"] = new { items = new[] { User("u2", "Second Person") }, continuation = (string?)null },
        };
        await page.RouteAsync("**/api/users*", route => route.FulfillAsync(new()
        {
            ContentType = "application/json",
            Body = JsonSerializer.Serialize(pages[new Uri(route.Request.Url).Query.Replace("?continuation=", "", StringComparison.Ordinal)]),
        }));
        await page.GotoAsync("/#/users");
        await page.GetByRole(AriaRole.Button, new() { Name = "Weitere laden" }).ClickAsync();

        await Expect(page.Locator("table.list tbody tr td:first-child")).ToHaveTextAsync(["First Person", "Second Person"]);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Weitere laden" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Bearbeiten: Second Person" })).ToBeFocusedAsync();
    }

    private static object User(string id, string name) => new { id, name, email = $"{id}@example.test", areas = Array.Empty<string>(), status = "active" };

    /// <summary>
    /// Waits for the list <paramref name="table"/> (a locator only the page under test can satisfy: the page before it may
    /// still show a list), then clicks "Weitere laden" until it is gone; every click must add rows (an empty page would be
    /// a dead click). Answers the text of the <paramref name="cells"/> of all rows.
    /// </summary>
    private static async Task<List<string>> LoadAllAsync(IPage page, ILocator table, string cells)
    {
        var rows = table.Locator("tbody tr");
        await Expect(rows.First).ToBeVisibleAsync();
        // by text, not by role: a hidden button has no role, and the test must see it go
        var more = page.Locator("button", new() { HasText = "Weitere laden" });
        var clicks = 0;
        while (await more.IsVisibleAsync())
        {
            var before = await rows.CountAsync();
            await more.ClickAsync();
            await Expect(more).ToBeEnabledAsync();
            var after = await rows.CountAsync();
            Assert.True(after > before, $"Click {clicks + 1} on \"Weitere laden\" added no rows ({before} before and after).");
            Assert.True(++clicks < 10, "\"Weitere laden\" does not go away.");
        }
        Assert.True(clicks >= 1, "The list fitted on one page; the test needs more than one.");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Weitere laden" })).ToHaveCountAsync(0);
        return [.. await rows.Locator(cells).AllInnerTextsAsync()];
    }
}
