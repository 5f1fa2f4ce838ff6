using System.Net;
using System.Text.Json;
using PortalAccess.Catalogs;

namespace PortalAccess.IntegrationTests.Users;

/// <summary>
/// Lists read about one page of rows, so a page boundary falls between storage pages: whatever the page size and
/// however many grant rows a principal has, every principal comes exactly once, with all its grants.
/// </summary>
public abstract class ListPagingTests(TestServices services, HostKind host) : ApiTest(services, host)
{
    public sealed class OnStandalone(TestServices services) : ListPagingTests(services, HostKind.Standalone);

    public sealed class OnWorker(TestServices services) : ListPagingTests(services, HostKind.Worker);

    private static readonly string[] AllAreas = Catalog.AreaIds.Order(StringComparer.Ordinal).ToArray();
    private static readonly string[] AllFeatures = Catalog.DeskFeatureIds.Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task Users_EveryPageSize_ListsEachUserOnce_WithAllAreas_EvenWhenUsersHoldEveryArea()
    {
        var owner = await Client.NewOwnerAsync();
        // 0 to 15 areas: principals of 1 to 16 rows, more than a list query guesses per principal
        var expected = await CreateAsync(25, i => AllAreas.Take(i * 7 % (AllAreas.Length + 1)).ToArray(),
            (i, areas) => Client.SendAsync(HttpMethod.Post, "/api/users",
                new { name = $"User {i}", email = PortalClient.NewEmail(), areas }, owner.AccessToken));

        foreach (var pageSize in new[] { 1, 2, 3, 7, 24, 25, 26, 200 })
        {
            var listed = await ListAllAsync("/api/users", pageSize, owner.AccessToken, "areas");
            Assert.Equal(expected.Keys.Order(), listed.Keys.Order());
            Assert.All(expected, e => Assert.Equal(e.Value, listed[e.Key]));
        }
    }

    [Fact]
    public async Task Desks_EveryPageSize_ListsEachDeskOnce_WithAllFeatures()
    {
        var owner = await Client.NewOwnerAsync();
        var expected = await CreateAsync(12, i => AllFeatures.Take(i % (AllFeatures.Length + 1)).ToArray(),
            (i, features) => Client.SendAsync(HttpMethod.Post, "/api/officedesks",
                new { name = $"Desk {i}", email = PortalClient.NewEmail("desk"), extension = $"{200 + i}", features }, owner.AccessToken));

        foreach (var pageSize in new[] { 1, 5, 11, 12, 50 })
        {
            var listed = await ListAllAsync("/api/officedesks", pageSize, owner.AccessToken, "features");
            Assert.Equal(expected.Keys.Order(), listed.Keys.Order());
            Assert.All(expected, e => Assert.Equal(e.Value, listed[e.Key]));
        }
    }

    [Fact]
    public async Task Audit_EveryPageSize_ListsEachEntryOnce_NewestFirst()
    {
        var owner = await Client.NewOwnerAsync();
        await CreateAsync(9, _ => ["shop"], (i, areas) => Client.SendAsync(HttpMethod.Post, "/api/users",
            new { name = $"User {i}", email = PortalClient.NewEmail(), areas }, owner.AccessToken));

        var all = await AuditAsync(owner, 200);
        Assert.Equal(9, all.Count(e => e.Action == "user.created"));
        foreach (var pageSize in new[] { 1, 4, 9, 10 })
        {
            Assert.Equal(all, await AuditAsync(owner, pageSize));
        }
        Assert.Equal(all.OrderByDescending(e => e.At).Select(e => e.Id), all.Select(e => e.Id));
    }

    private static async Task<Dictionary<string, string[]>> CreateAsync(
        int count, Func<int, string[]> grants, Func<int, string[], Task<HttpResponseMessage>> create)
    {
        var expected = new Dictionary<string, string[]>();
        for (var i = 0; i < count; i++)
        {
            var g = grants(i);
            var created = await create(i, g);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            expected[(await PortalClient.JsonAsync(created)).GetProperty("id").GetString()!] = g.Order(StringComparer.Ordinal).ToArray();
        }
        return expected;
    }

    /// <summary>Every page of a principal list, following the continuation; each id must come once.</summary>
    private async Task<Dictionary<string, string[]>> ListAllAsync(string path, int pageSize, string token, string grantsField)
    {
        var listed = new Dictionary<string, string[]>();
        await foreach (var item in PagesAsync(path, pageSize, token))
        {
            var id = item.GetProperty("id").GetString()!;
            Assert.True(listed.TryAdd(id, item.GetProperty(grantsField).EnumerateArray().Select(a => a.GetString()!).Order(StringComparer.Ordinal).ToArray()),
                $"{id} came twice with pageSize {pageSize}");
        }
        return listed;
    }

    private async Task<List<(string Id, DateTimeOffset At, string Action)>> AuditAsync(Session owner, int pageSize)
    {
        var entries = new List<(string, DateTimeOffset, string)>();
        await foreach (var e in PagesAsync("/api/audit", pageSize, owner.AccessToken))
        {
            entries.Add((e.GetProperty("id").GetString()!, e.GetProperty("at").GetDateTimeOffset(), e.GetProperty("action").GetString()!));
        }
        return entries;
    }

    private async IAsyncEnumerable<JsonElement> PagesAsync(string path, int pageSize, string token)
    {
        string? continuation = null;
        do
        {
            var url = $"{path}?pageSize={pageSize}" + (continuation is null ? "" : $"&continuation={Uri.EscapeDataString(continuation)}");
            var response = await Client.SendAsync(HttpMethod.Get, url, token: token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await PortalClient.JsonAsync(response);
            var items = page.GetProperty("items").EnumerateArray().ToList();
            Assert.True(items.Count <= pageSize, $"{items.Count} items on a page of {pageSize}");
            foreach (var item in items)
            {
                yield return item;
            }
            continuation = page.GetProperty("continuation").ValueKind == JsonValueKind.Null ? null : page.GetProperty("continuation").GetString();
        }
        while (continuation is not null);
    }
}

/// <summary>
/// What a request costs in storage round trips (issue 9, point 4), counted with a pipeline policy on the app's
/// storage clients: an authorised request one read, a list page two (the caller's rights and one query).
/// </summary>
public sealed class StorageRequestCostTests : ApiTest
{
    private readonly StorageRequestLog requests;

    public StorageRequestCostTests(TestServices services) : this(services, new StorageRequestLog())
    {
    }

    private StorageRequestCostTests(TestServices services, StorageRequestLog requests) : base(services, requestLog: requests) =>
        this.requests = requests;

    [Fact]
    public async Task AuthorisedRequest_CostsOneRead_AndAListPage_Two_WhateverThePageSize()
    {
        var owner = await Client.NewOwnerAsync();
        for (var i = 0; i < 12; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await Client.SendAsync(HttpMethod.Post, "/api/users",
                new { name = $"User {i}", email = PortalClient.NewEmail(), areas = new[] { "shop", "sms", "fax" } }, owner.AccessToken)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Created, (await Client.SendAsync(HttpMethod.Post, "/api/officedesks",
            new { name = "Desk", email = PortalClient.NewEmail("desk"), extension = "201", features = new[] { "fax" } }, owner.AccessToken)).StatusCode);
        await WaitForMailsAsync();
        // the signing keys are cached for a minute: a first request loads them if that minute has passed
        await CostAsync("/api/me", owner);

        Assert.Equal(1, await CostAsync("/api/me", owner));
        foreach (var pageSize in new[] { 1, 5, 12, 50, 200 })
        {
            Assert.Equal(2, await CostAsync($"/api/users?pageSize={pageSize}", owner));
            Assert.Equal(2, await CostAsync($"/api/audit?pageSize={pageSize}", owner));
        }
        Assert.Equal(2, await CostAsync("/api/officedesks", owner));
    }

    /// <summary>
    /// "About one page of rows whatever the customer's size" (<c>AccountStore.ListAsync</c>): with users of 16 rows
    /// each, more than the first query guesses, the second query is sized from what the first saw, and the two together
    /// ask for the page's rows and the next user's first one, plus less than one user's rows more.
    /// </summary>
    [Fact]
    public async Task AListPageOfUsersWithEveryArea_AsksStorageForAboutThePagesRows_InTwoQueries()
    {
        var owner = await Client.NewOwnerAsync();
        for (var i = 0; i < 12; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await Client.SendAsync(HttpMethod.Post, "/api/users",
                new { name = $"User {i}", email = PortalClient.NewEmail(), areas = Catalog.AreaIds }, owner.AccessToken)).StatusCode);
        }
        await WaitForMailsAsync();
        const int pageSize = 5, rowsPerUser = 16;

        requests.Reset();
        var page = await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Get, $"/api/users?pageSize={pageSize}", token: owner.AccessToken));

        Assert.Equal(pageSize, page.GetProperty("items").GetArrayLength());
        Assert.All(page.GetProperty("items").EnumerateArray(), user => Assert.Equal(rowsPerUser - 1, user.GetProperty("areas").GetArrayLength()));
        Assert.Equal(2, requests.RowsAsked.Count);
        Assert.InRange(requests.RowsAsked.Sum(), pageSize * rowsPerUser + 1, pageSize * rowsPerUser + rowsPerUser);
    }

    private async Task<int> CostAsync(string path, Session session)
    {
        requests.Reset();
        var response = await Client.SendAsync(HttpMethod.Get, path, token: session.AccessToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return requests.Requests.Count;
    }

    /// <summary>Waits until the mail worker has sent every mail (its table writes would count otherwise).</summary>
    private async Task WaitForMailsAsync()
    {
        var queue = Standalone.Storage.Queue(PortalAccess.Storage.StorageNames.MailOutboxQueue);
        var deadline = DateTimeOffset.UtcNow + MailTimeout;
        while ((await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0 && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        await Task.Delay(300);
    }
}
