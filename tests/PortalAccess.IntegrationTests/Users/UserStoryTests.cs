using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PortalAccess.IntegrationTests.Users;

/// <summary>The core story of issue 2, end to end through HTTP, the queue worker and MailDev.</summary>
public abstract class UserStoryTests(TestServices services, HostKind host) : ApiTest(services, host)
{
    public sealed class OnStandalone(TestServices services) : UserStoryTests(services, HostKind.Standalone);

    public sealed class OnWorker(TestServices services) : UserStoryTests(services, HostKind.Worker);

    [Fact]
    public async Task Owner_CreatesUser_UserActivatesFromMail_AndSeesExactlyTheTickedAreas()
    {
        var owner = await Client.NewOwnerAsync();
        Assert.Equal("owner", owner.Principal.GetProperty("kind").GetString());

        var email = PortalClient.NewEmail();
        var created = await Client.SendAsync(HttpMethod.Post, "/api/users",
            new { name = "Erika Muster", email = email.ToUpperInvariant(), areas = new[] { "invoices", "contacts" } }, owner.AccessToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var user = await PortalClient.JsonAsync(created);
        Assert.Equal("invited", user.GetProperty("status").GetString());
        Assert.Equal(email, user.GetProperty("email").GetString());
        Assert.Equal($"/api/users/{user.GetProperty("id").GetString()}", created.Headers.Location!.ToString());
        Assert.NotNull(created.Headers.ETag);

        var mail = (await Services.Mail.WaitForMailAsync(m => m.To.Contains(email), MailTimeout));
        Assert.Contains("Hallo Erika Muster", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Hello Erika Muster", mail.Text, StringComparison.Ordinal);
        Assert.Contains($"Test GmbH (Kundennummer {owner.Login}) hat Sie zu PortalAccess eingeladen.", mail.Text, StringComparison.Ordinal);
        Assert.Equal("PortalAccess", mail.FromName);
        Assert.Equal("Ihr Zugang zu PortalAccess: bitte Passwort vergeben", mail.Subject);
        Assert.Contains("https://portal.test/activate#token=", mail.Html, StringComparison.Ordinal);
        var token = await Client.LinkTokenAsync(email);

        var check = await Client.SendAsync(HttpMethod.Post, "/api/auth/activation/check", new { token });
        var info = await PortalClient.JsonAsync(check);
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.Equal("Erika Muster", info.GetProperty("name").GetString());
        Assert.Equal(email, info.GetProperty("login").GetString());
        Assert.Equal("activation", info.GetProperty("purpose").GetString());

        await Client.ActivateAsync(token, PortalClient.Password);
        var session = await Client.LoginAsync(email, PortalClient.Password);
        var me = await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Get, "/api/me", token: session.AccessToken));
        Assert.Equal("user", me.GetProperty("kind").GetString());
        Assert.Equal(["contacts", "invoices"], me.GetProperty("areas").EnumerateArray().Select(a => a.GetString()!).ToArray());

        var listed = await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Get, "/api/users", token: owner.AccessToken));
        Assert.Equal("active", listed.GetProperty("items")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task AccessToken_IsEs256_AndVerifiesWithThePublishedJwks()
    {
        var owner = await Client.NewOwnerAsync();
        var jwks = new JsonWebKeySet(await Client.Http.GetStringAsync("/api/.well-known/jwks.json"));
        Assert.NotEmpty(jwks.Keys);
        Assert.All(jwks.Keys, key => Assert.Equal(("EC", "P-256", "sig", "ES256"), (key.Kty, key.Crv, key.Use, key.Alg)));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(owner.AccessToken, new TokenValidationParameters
        {
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidAlgorithms = ["ES256"],
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        var jwt = (JsonWebToken)result.SecurityToken;
        Assert.Equal("ES256", jwt.Alg);
        Assert.Equal(owner.Id, jwt.Subject);
        Assert.Equal("owner", jwt.GetClaim("kind").Value);
        // API.md: the owner's token names every area, in a stable (ordinal) order; desks alone carry "features"
        var areas = jwt.GetPayloadValue<string[]>("areas");
        Assert.Equal(15, areas.Length);
        Assert.Equal(areas.Order(StringComparer.Ordinal), areas);
        Assert.False(jwt.TryGetPayloadValue<string[]>("features", out _));
        Assert.True(jwt.ValidTo - jwt.IssuedAt <= TimeSpan.FromMinutes(10));
        Assert.DoesNotContain(jwks.Keys, k => k.D is not null);
    }

    [Fact]
    public async Task Rule4_ActivationLink_IsSingleUse_AndAResendKillsThePreviousLink()
    {
        var owner = await Client.NewOwnerAsync();
        var email = PortalClient.NewEmail();
        var created = await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Post, "/api/users",
            new { name = "Max", email, areas = Array.Empty<string>() }, owner.AccessToken));
        var id = created.GetProperty("id").GetString();
        var first = await Client.LinkTokenAsync(email);

        Assert.Equal(HttpStatusCode.Accepted,
            (await Client.SendAsync(HttpMethod.Post, $"/api/users/{id}/activation-mail", token: owner.AccessToken)).StatusCode);
        var second = PortalTokens(await MailTextAsync(email, nth: 2));
        Assert.NotEqual(first, second);

        Assert.Equal(HttpStatusCode.Gone, (await Client.SendAsync(HttpMethod.Post, "/api/auth/activation/check", new { token = first })).StatusCode);
        Assert.Equal(HttpStatusCode.Gone,
            (await Client.SendAsync(HttpMethod.Post, "/api/auth/activation", new { token = first, password = PortalClient.Password })).StatusCode);

        await Client.ActivateAsync(second, PortalClient.Password);
        Assert.Equal(HttpStatusCode.Gone,
            (await Client.SendAsync(HttpMethod.Post, "/api/auth/activation", new { token = second, password = "another long password" })).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await Client.SendAsync(HttpMethod.Post, "/api/auth/activation/check", new { token = second })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict,
            (await Client.SendAsync(HttpMethod.Post, $"/api/users/{id}/activation-mail", token: owner.AccessToken)).StatusCode);
        await Client.LoginAsync(email, PortalClient.Password);
    }

    [Fact]
    public async Task Rule4_ActivationLinkIsNotSpentByAGet_AndAWeakPasswordKeepsItUsable()
    {
        var owner = await Client.NewOwnerAsync();
        var email = PortalClient.NewEmail();
        await Client.SendAsync(HttpMethod.Post, "/api/users", new { name = "Max", email, areas = Array.Empty<string>() }, owner.AccessToken);
        var token = await Client.LinkTokenAsync(email);

        // a mail scanner opening the page changes nothing; neither does a rejected password
        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(HttpMethod.Post, "/api/auth/activation/check", new { token })).StatusCode);
        var weak = await Client.SendAsync(HttpMethod.Post, "/api/auth/activation", new { token, password = email + "123" });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.True((await PortalClient.JsonAsync(weak)).GetProperty("errors").TryGetProperty("password", out _));
        await Client.ActivateAsync(token, PortalClient.Password);
    }

    [Fact]
    public async Task Rule3_AreaChange_JudgesTheVeryNextRequest_EvenWithTheOldAccessToken()
    {
        var owner = await Client.NewOwnerAsync();
        var admin = await Client.NewUserAsync(owner, "user-management", "invoices");
        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(HttpMethod.Get, "/api/users", token: admin.AccessToken)).StatusCode);

        var read = await Client.SendAsync(HttpMethod.Get, $"/api/users/{admin.Id}", token: owner.AccessToken);
        var etag = read.Headers.ETag!.ToString();
        var stale = await Client.SendAsync(HttpMethod.Put, $"/api/users/{admin.Id}",
            new { name = "Renamed", email = admin.Login, areas = new[] { "invoices" } }, owner.AccessToken, ifMatch: "\"bogus\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);

        var updated = await Client.SendAsync(HttpMethod.Put, $"/api/users/{admin.Id}",
            new { name = "Renamed", email = admin.Login, areas = new[] { "invoices" } }, owner.AccessToken, ifMatch: etag);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.NotEqual(etag, updated.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await Client.SendAsync(HttpMethod.Put, $"/api/users/{admin.Id}",
            new { name = "Again", email = admin.Login, areas = new[] { "invoices" } }, owner.AccessToken, ifMatch: etag)).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await Client.SendAsync(HttpMethod.Get, "/api/users", token: admin.AccessToken)).StatusCode);
        var me = await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Get, "/api/me", token: admin.AccessToken));
        Assert.Equal(["invoices"], me.GetProperty("areas").EnumerateArray().Select(a => a.GetString()!).ToArray());
        // a rights change ends the refresh sessions too
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await Client.SendAsync(HttpMethod.Post, "/api/auth/refresh", new { refreshToken = admin.RefreshToken })).StatusCode);

        // an area given back counts as soon as one taken away
        var grown = await Client.SendAsync(HttpMethod.Put, $"/api/users/{admin.Id}",
            new { name = "Renamed", email = admin.Login, areas = new[] { "invoices", "user-management" } }, owner.AccessToken,
            ifMatch: updated.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, grown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(HttpMethod.Get, "/api/users", token: admin.AccessToken)).StatusCode);
        var stored = await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Get, $"/api/users/{admin.Id}", token: owner.AccessToken));
        Assert.Equal(["invoices", "user-management"], stored.GetProperty("areas").EnumerateArray().Select(a => a.GetString()!).ToArray());
    }

    [Fact]
    public async Task Rule3_DeletedUser_LosesAccessTokenRefreshTokenAndPasswordAtOnce()
    {
        var owner = await Client.NewOwnerAsync();
        var user = await Client.NewUserAsync(owner, "invoices");

        Assert.Equal(HttpStatusCode.NoContent, (await Client.SendAsync(HttpMethod.Delete, $"/api/users/{user.Id}", token: owner.AccessToken)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.SendAsync(HttpMethod.Get, "/api/me", token: user.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await Client.SendAsync(HttpMethod.Post, "/api/auth/refresh", new { refreshToken = user.RefreshToken })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await Client.SendAsync(HttpMethod.Post, "/api/auth/login", new { login = user.Login, password = user.Password })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.SendAsync(HttpMethod.Get, $"/api/users/{user.Id}", token: owner.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task Refresh_RotatesTheToken_ReuseOfASpentOneEndsTheSession_AndLogoutEndsIt()
    {
        var owner = await Client.NewOwnerAsync();
        var first = await Client.SendAsync(HttpMethod.Post, "/api/auth/refresh", new { refreshToken = owner.RefreshToken });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var rotated = (await PortalClient.JsonAsync(first)).GetProperty("refreshToken").GetString();
        Assert.NotEqual(owner.RefreshToken, rotated);

        // the spent token comes back (stolen?): the whole session ends, the rotated token too
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await Client.SendAsync(HttpMethod.Post, "/api/auth/refresh", new { refreshToken = owner.RefreshToken })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await Client.SendAsync(HttpMethod.Post, "/api/auth/refresh", new { refreshToken = rotated })).StatusCode);

        var again = await Client.LoginAsync(owner.Login, owner.Password);
        Assert.Equal(HttpStatusCode.NoContent,
            (await Client.SendAsync(HttpMethod.Post, "/api/auth/logout", new { refreshToken = again.RefreshToken })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await Client.SendAsync(HttpMethod.Post, "/api/auth/refresh", new { refreshToken = again.RefreshToken })).StatusCode);
    }

    [Fact]
    public async Task UsersList_PagesWithContinuationTokens()
    {
        var owner = await Client.NewOwnerAsync();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await Client.SendAsync(HttpMethod.Post, "/api/users",
                new { name = $"User {i}", email = PortalClient.NewEmail(), areas = new[] { "shop", "sms" } }, owner.AccessToken)).StatusCode);
        }
        var ids = new List<string>();
        string? continuation = null;
        var pages = 0;
        do
        {
            var url = "/api/users?pageSize=2" + (continuation is null ? "" : $"&continuation={Uri.EscapeDataString(continuation)}");
            var page = await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Get, url, token: owner.AccessToken));
            var items = page.GetProperty("items").EnumerateArray().ToList();
            Assert.True(items.Count <= 2);
            Assert.All(items, u => Assert.Equal(["shop", "sms"], u.GetProperty("areas").EnumerateArray().Select(a => a.GetString()!).ToArray()));
            ids.AddRange(items.Select(u => u.GetProperty("id").GetString()!));
            continuation = page.GetProperty("continuation").ValueKind == JsonValueKind.Null ? null : page.GetProperty("continuation").GetString();
            pages++;
        }
        while (continuation is not null);
        Assert.Equal(3, pages);
        Assert.Equal(5, ids.Distinct().Count());
    }

    [Fact]
    public async Task Catalogs_And_Health_AnswerWithoutAuthentication()
    {
        var areas = await Client.Http.GetFromJsonAsync<JsonElement>("/api/areas");
        Assert.Equal(15, areas.GetArrayLength());
        Assert.Equal("Benutzerverwaltung", areas.EnumerateArray().Single(a => a.GetProperty("id").GetString() == "user-management")
            .GetProperty("label").GetProperty("de").GetString());
        Assert.Equal(7, (await Client.Http.GetFromJsonAsync<JsonElement>("/api/desk-features")).GetArrayLength());
        Assert.Equal("ok", (await Client.Http.GetFromJsonAsync<JsonElement>("/api/health")).GetProperty("status").GetString());
    }

    private static string PortalTokens(string text) =>
        System.Text.RegularExpressions.Regex.Match(text, "#token=([A-Za-z0-9_-]+)").Groups[1].Value;
}
