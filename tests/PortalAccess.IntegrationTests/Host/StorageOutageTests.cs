using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PortalAccess.Storage;
using Xunit.Abstractions;

namespace PortalAccess.IntegrationTests.Host;

/// <summary>
/// Azurite stops under a running host and starts again on the same ports with the same data: requests answer 503 with
/// Retry-After within seconds, health says 503, the host recovers without a restart, and user creates that were in flight
/// are wholly there or wholly absent. Runs on a private Azurite; the run's shared one is never stopped.
/// </summary>
[Collection(ServicesCollection.Name)]
public sealed class StorageOutageTests(TestServices services, ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>What "within a few seconds" means here: a refused connection fails after 2 quick retries.</summary>
    private static readonly TimeSpan FailFast = TimeSpan.FromSeconds(5);

    private RestartableAzurite? azurite;

    private RestartableAzurite Azurite => azurite ?? throw new InvalidOperationException("Started in InitializeAsync.");

    public async Task InitializeAsync() => azurite = await RestartableAzurite.StartAsync();

    public async Task DisposeAsync()
    {
        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }
    }

    [Fact]
    public async Task StandaloneHost_Answers503FastDuringAnOutage_RecoversWithoutRestart_AndLeavesNoHalfWrittenUser()
    {
        await using var app = new PortalApp(Azurite.ConnectionString, services.MailDev.SmtpPort, services.NewPrefix());
        await OutageAsync(app, app.CreateClient());
    }

    [Fact]
    public async Task Worker_Answers503FastDuringAnOutage_RecoversWithoutRestart_AndLeavesNoHalfWrittenUser()
    {
        await using var app = await WorkerApp.StartAsync(Azurite.ConnectionString, services.MailDev.SmtpPort, services.NewPrefix());
        await OutageAsync(app, app.CreateClient());
    }

    private async Task OutageAsync(IPortalHost app, HttpClient http)
    {
        var client = new PortalClient(http, email => MailTextAsync(email, 1));
        var owner = await client.NewOwnerAsync();

        // creates keep running while storage goes away and comes back: some are in flight at the moment it stops
        using var stopCreating = new CancellationTokenSource();
        var attempts = new ConcurrentQueue<(string Email, HttpStatusCode Status)>();
        var creators = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            while (!stopCreating.IsCancellationRequested)
            {
                var email = PortalClient.NewEmail("outage");
                var response = await client.SendAsync(HttpMethod.Post, "/api/users", new { name = "In Flight", email, areas = new[] { "shop" } }, owner.AccessToken);
                attempts.Enqueue((email, response.StatusCode));
            }
        })).ToList();
        await Task.Delay(700);

        await Azurite.StopAsync();
        var down = Stopwatch.StartNew();
        var (users, usersTook) = await TimedAsync(() => client.SendAsync(HttpMethod.Get, "/api/users", token: owner.AccessToken));
        var (health, healthTook) = await TimedAsync(() => client.SendAsync(HttpMethod.Get, "/api/health"));
        var (create, createTook) = await TimedAsync(() => client.SendAsync(HttpMethod.Post, "/api/users",
            new { name = "During", email = PortalClient.NewEmail(), areas = Array.Empty<string>() }, owner.AccessToken));
        output.WriteLine($"Azurite down: GET users {(int)users.StatusCode} in {usersTook.TotalMilliseconds:0} ms, GET health {(int)health.StatusCode} in {healthTook.TotalMilliseconds:0} ms, POST users {(int)create.StatusCode} in {createTook.TotalMilliseconds:0} ms");
        foreach (var (response, took) in new[] { (users, usersTook), (health, healthTook), (create, createTook) })
        {
            await AssertRetryLaterAsync(response);
            Assert.True(took < FailFast, $"{response.RequestMessage!.RequestUri} took {took.TotalSeconds:0.0} s to answer 503.");
        }
        await Task.Delay(TimeSpan.FromSeconds(2) - down.Elapsed is { Ticks: > 0 } rest ? rest : TimeSpan.Zero);

        await Azurite.RestartAsync();
        var back = Stopwatch.StartNew();
        while ((await client.SendAsync(HttpMethod.Get, "/api/health")).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(back.Elapsed < TimeSpan.FromSeconds(30), "Health did not recover within 30 s of Azurite's restart.");
            await Task.Delay(50);
        }
        var healthy = back.Elapsed;
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Get, "/api/users", token: owner.AccessToken)).StatusCode);
        output.WriteLine($"Azurite back: health 200 after {healthy.TotalMilliseconds:0} ms, GET users 200 after {back.Elapsed.TotalMilliseconds:0} ms");

        await Task.Delay(500);
        await stopCreating.CancelAsync();
        await Task.WhenAll(creators);
        Assert.DoesNotContain(attempts, a => a.Status == HttpStatusCode.InternalServerError);
        output.WriteLine($"Creates during the run: {string.Join(", ", attempts.GroupBy(a => (int)a.Status).Select(g => $"{g.Key} × {g.Count()}"))}");

        await AssertWhollyThereOrWhollyAbsentAsync(app, client, owner, [.. attempts.Where(a => a.Status != HttpStatusCode.Created).Select(a => a.Email)]);
    }

    /// <summary>
    /// Every create that did not answer 201: either the user is listed, its login index row points at it and its activation
    /// (sent again) lets it sign in, or it is nowhere and the same address can be created again.
    /// </summary>
    private async Task AssertWhollyThereOrWhollyAbsentAsync(IPortalHost app, PortalClient client, Session owner, IReadOnlyList<string> failedEmails)
    {
        var listed = await ListedUsersAsync(client, owner);
        var index = app is PortalApp standalone ? standalone.Services.GetRequiredService<LoginIndex>() : null;
        int there = 0, absent = 0, blocked = 0;
        foreach (var email in failedEmails)
        {
            if (listed.TryGetValue(email, out var id))
            {
                there++;
                if (index is not null)
                {
                    Assert.Equal(id, (await index.FindAsync(email, default))?.PrincipalId);
                }
                Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(HttpMethod.Post, $"/api/users/{id}/activation-mail", token: owner.AccessToken)).StatusCode);
                await ActivateWithTheUsableLinkAsync(client, email);
                await client.LoginAsync(email, PortalClient.Password);
            }
            else
            {
                absent++;
                // a claim the failed create could not give back while storage was down is given back seconds after it returns
                var again = await client.SendAsync(HttpMethod.Post, "/api/users", new { name = "Again", email, areas = new[] { "shop" } }, owner.AccessToken);
                var retried = Stopwatch.StartNew();
                while (again.StatusCode == HttpStatusCode.Conflict && retried.Elapsed < TimeSpan.FromSeconds(15))
                {
                    blocked++;
                    await Task.Delay(500);
                    again = await client.SendAsync(HttpMethod.Post, "/api/users", new { name = "Again", email, areas = new[] { "shop" } }, owner.AccessToken);
                }
                Assert.True(again.StatusCode == HttpStatusCode.Created, $"Creating {email} again answered {(int)again.StatusCode}: {await again.Content.ReadAsStringAsync()}");
            }
        }
        output.WriteLine($"Creates that did not answer 201: {there} wholly there (login works), {absent} wholly absent (created again; {blocked} retries met 409 first)");
    }

    /// <summary>
    /// The create's own mail, queued while storage was down, may arrive before or after the resent one, and the resend
    /// replaced its link: activates with whichever received link is still usable.
    /// </summary>
    private async Task ActivateWithTheUsableLinkAsync(PortalClient client, string email)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (true)
        {
            foreach (var mail in (await services.Mail.GetAllAsync()).Where(m => m.To.Contains(email, StringComparer.OrdinalIgnoreCase)).Reverse())
            {
                var token = PortalClient.TokenIn(mail.Text ?? "");
                if ((await client.SendAsync(HttpMethod.Post, "/api/auth/activation/check", new { token })).StatusCode == HttpStatusCode.OK)
                {
                    await client.ActivateAsync(token, PortalClient.Password);
                    return;
                }
            }
            Assert.True(DateTimeOffset.UtcNow < deadline, $"No mail to {email} holds a usable activation link.");
            await Task.Delay(300);
        }
    }

    private static async Task<Dictionary<string, string>> ListedUsersAsync(PortalClient client, Session owner)
    {
        var users = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? continuation = null;
        do
        {
            var path = "/api/users?pageSize=200" + (continuation is null ? "" : "&continuation=" + Uri.EscapeDataString(continuation));
            var response = await client.SendAsync(HttpMethod.Get, path, token: owner.AccessToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await PortalClient.JsonAsync(response);
            foreach (var user in page.GetProperty("items").EnumerateArray())
            {
                users[user.GetProperty("email").GetString()!] = user.GetProperty("id").GetString()!;
            }
            continuation = page.TryGetProperty("continuation", out var next) ? next.GetString() : null;
        }
        while (continuation is not null);
        return users;
    }

    private static async Task AssertRetryLaterAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }, "503 without Retry-After");
        var body = await PortalClient.JsonAsync(response);
        Assert.Equal(Http.Problems.TypeBase + "storage-unavailable", body.GetProperty("type").GetString());
        Assert.DoesNotContain("127.0.0.1", body.ToString(), StringComparison.Ordinal);
    }

    private static async Task<(HttpResponseMessage Response, TimeSpan Took)> TimedAsync(Func<Task<HttpResponseMessage>> send)
    {
        var watch = Stopwatch.StartNew();
        var response = await send();
        return (response, watch.Elapsed);
    }

    private Task<string> MailTextAsync(string email, int nth) => services.Mail.TextToAsync(email, nth, TimeSpan.FromSeconds(20));
}
