using System.Diagnostics;
using System.Net;
using System.Text;

namespace PortalAccess.IntegrationTests.Auth;

/// <summary>DESIGN.md rules 6 and 7, password reset and own password, attacked through HTTP (the clock-bound parts: <see cref="LockoutClockTests"/>).</summary>
public abstract class AccountSecurityTests(TestServices services, HostKind host) : ApiTest(services, host)
{
    public sealed class OnStandalone(TestServices services) : AccountSecurityTests(services, HostKind.Standalone);

    public sealed class OnWorker(TestServices services) : AccountSecurityTests(services, HostKind.Worker);

    [Fact]
    public async Task Rule6_ParallelAttempts_CannotSlipPastTheLock()
    {
        var owner = await Client.NewOwnerAsync();
        var burst = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => LoginAsync(owner.Login, "parallel guess " + i)));
        Assert.All(burst, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(owner.Login, owner.Password)).StatusCode);
    }

    [Fact]
    public async Task Rule6_LockedUser_ShowsAsLocked_AndBadBodiesDoNotCountAsFailures()
    {
        var owner = await Client.NewOwnerAsync();
        var user = await Client.NewUserAsync(owner, "shop");
        foreach (var json in new[] { "{\"login\": 5, \"password\": \"x\"}", $"{{\"login\": \"{user.Login}\"}}",
                     $"{{\"login\": \"{user.Login}\", \"password\": \"{new string('p', 10_000)}\"}}",
                     $"{{\"login\": \"{user.Login}\\u0001\", \"password\": \"x\"}}", $"{{\"login\": \"{user.Login}\", \"password\": \"pass\\u0000word\"}}" })
        {
            for (var i = 0; i < 3; i++)
            {
                var response = await Client.SendAsync(HttpMethod.Post, "/api/auth/login", new StringContent(json, Encoding.UTF8, "application/json"));
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            }
        }
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(user.Login, user.Password)).StatusCode);

        for (var i = 0; i < 5; i++)
        {
            await LoginAsync(user.Login, "wrong password " + i);
        }
        var shown = await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Get, $"/api/users/{user.Id}", token: (await Client.LoginAsync(owner.Login, owner.Password)).AccessToken));
        Assert.Equal("locked", shown.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ALoginThatMovedToAnotherUser_SignsInThatUser_NotTheOneWhoSignedInWithItBefore()
    {
        // the host remembers who signed in with a login (LoginOwners); the account row must still decide
        var owner = await Client.NewOwnerAsync();
        var first = await Client.NewUserAsync(owner, "invoices");
        var firstId = first.Principal.GetProperty("id").GetString();
        var moved = await Client.SendAsync(HttpMethod.Put, $"/api/users/{firstId}",
            new { name = "Test User", email = PortalClient.NewEmail(), areas = new[] { "invoices" } }, owner.AccessToken);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);

        var created = await Client.SendAsync(HttpMethod.Post, "/api/users", new { name = "Second User", email = first.Login, areas = new[] { "sms" } }, owner.AccessToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await Client.ActivateAsync(PortalClient.TokenIn(await MailTextAsync(first.Login, nth: 2)), "second user's passphrase");

        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.TryLoginAsync(first.Login, first.Password)).StatusCode);
        var second = await Client.LoginAsync(first.Login, "second user's passphrase");
        Assert.Equal((await PortalClient.JsonAsync(created)).GetProperty("id").GetString(), second.Principal.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Rule7_UnknownWrongLockedAndInvited_GetByteIdenticalAnswers()
    {
        var owner = await Client.NewOwnerAsync();
        var invited = PortalClient.NewEmail();
        await Client.SendAsync(HttpMethod.Post, "/api/users", new { name = "Invited", email = invited, areas = Array.Empty<string>() }, owner.AccessToken);
        var locked = await Client.NewUserAsync(owner);
        for (var i = 0; i < 5; i++)
        {
            await LoginAsync(locked.Login, "wrong password " + i);
        }

        var bodies = new List<string>();
        foreach (var (login, password) in new[]
                 {
                     (PortalClient.NewEmail("nobody"), PortalClient.Password), (owner.Login, "not the password"),
                     (locked.Login, locked.Password), (invited, PortalClient.Password), ("C00000000", PortalClient.Password),
                     ("no login at all", PortalClient.Password), ("+49 123", PortalClient.Password),
                 })
        {
            var response = await LoginAsync(login, password);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            bodies.Add(await response.Content.ReadAsStringAsync());
        }
        Assert.Single(bodies.Distinct());
    }

    [Fact]
    public async Task Rule7_UnknownLogins_TakeAsLongAsWrongPasswords()
    {
        var owner = await Client.NewOwnerAsync();
        await LoginAsync("warm-up@example.test", "warm up the decoy hash");
        var unknown = new List<double>();
        var wrong = new List<double>();
        for (var i = 0; i < 9; i++)
        {
            unknown.Add(await TimeAsync(() => LoginAsync(PortalClient.NewEmail("nobody"), "some password " + i)));
            wrong.Add(await TimeAsync(() => LoginAsync(owner.Login, "some password " + i)));
        }
        double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
        var ratio = Median(wrong) / Median(unknown);
        // generous: the point is that an unknown login pays for a hash too (without it the ratio is > 10)
        Assert.InRange(ratio, 1 / 3.0, 3.0);
    }

    [Fact]
    public async Task Rule7_PasswordResetRequests_AlwaysAnswer202()
    {
        var owner = await Client.NewOwnerAsync();
        var invited = PortalClient.NewEmail();
        await Client.SendAsync(HttpMethod.Post, "/api/users", new { name = "Invited", email = invited, areas = Array.Empty<string>() }, owner.AccessToken);
        foreach (var login in new[] { owner.Login, PortalClient.NewEmail("nobody"), invited, "C99999999" })
        {
            Assert.Equal(HttpStatusCode.Accepted, (await Client.SendAsync(HttpMethod.Post, "/api/auth/password-reset", new { login })).StatusCode);
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.SendAsync(HttpMethod.Post, "/api/auth/password-reset",
            new StringContent("{\"login\": 42}", Encoding.UTF8, "application/json"))).StatusCode);
        // only the active login got a mail; the invited one still has just its activation mail
        await Task.Delay(1000);
        Assert.Equal(1, await MailCountAsync(invited));
    }

    [Fact]
    public async Task Rule4_PasswordReset_SetsANewPassword_EndsSessions_ClearsTheLock_AndIsSingleUse()
    {
        var owner = await Client.NewOwnerAsync();
        var user = await Client.NewUserAsync(owner, "shop");
        for (var i = 0; i < 5; i++)
        {
            await LoginAsync(user.Login, "wrong password " + i);
        }
        Assert.Equal(HttpStatusCode.Accepted, (await Client.SendAsync(HttpMethod.Post, "/api/auth/password-reset", new { login = user.Login.ToUpperInvariant() })).StatusCode);
        var text = await MailTextAsync(user.Login, nth: 2);
        Assert.Contains("https://portal.test/reset-password#token=", text, StringComparison.Ordinal);
        var token = System.Text.RegularExpressions.Regex.Match(text, "#token=([A-Za-z0-9_-]+)").Groups[1].Value;

        // a reset link is no activation link, and the mail scanner's look spends nothing
        Assert.Equal(HttpStatusCode.Gone, (await Client.SendAsync(HttpMethod.Post, "/api/auth/activation", new { token, password = "a new long password" })).StatusCode);
        const string newPassword = "a new long password";
        Assert.Equal(HttpStatusCode.NoContent, (await Client.SendAsync(HttpMethod.Post, "/api/auth/password-reset/confirm", new { token, password = newPassword })).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await Client.SendAsync(HttpMethod.Post, "/api/auth/password-reset/confirm", new { token, password = "yet another password" })).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.SendAsync(HttpMethod.Post, "/api/auth/refresh", new { refreshToken = user.RefreshToken })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(user.Login, user.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(user.Login, newPassword)).StatusCode);
    }

    [Fact]
    public async Task OwnPasswordChange_NeedsTheCurrentPassword_AndEndsOnlyTheOtherSessions()
    {
        var owner = await Client.NewOwnerAsync();
        var other = await Client.LoginAsync(owner.Login, owner.Password);

        Assert.Equal(HttpStatusCode.Forbidden, (await Client.SendAsync(HttpMethod.Put, "/api/me/password",
            new { currentPassword = "not it at all", newPassword = "brand new password" }, owner.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.SendAsync(HttpMethod.Put, "/api/me/password",
            new { currentPassword = owner.Password, newPassword = "short" }, owner.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.SendAsync(HttpMethod.Put, "/api/me/password",
            new { currentPassword = owner.Password, newPassword = "brand new password" })).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await Client.SendAsync(HttpMethod.Put, "/api/me/password",
            new { currentPassword = owner.Password, newPassword = "brand new password" }, owner.AccessToken)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(HttpMethod.Post, "/api/auth/refresh", new { refreshToken = owner.RefreshToken })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.SendAsync(HttpMethod.Post, "/api/auth/refresh", new { refreshToken = other.RefreshToken })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(owner.Login, owner.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(owner.Login, "brand new password")).StatusCode);
    }

    private Task<HttpResponseMessage> LoginAsync(string login, string password) => Client.TryLoginAsync(login, password);

    private static async Task<double> TimeAsync(Func<Task<HttpResponseMessage>> call)
    {
        var watch = Stopwatch.StartNew();
        (await call()).Dispose();
        return watch.Elapsed.TotalMilliseconds;
    }
}
