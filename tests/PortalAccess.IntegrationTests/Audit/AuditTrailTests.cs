using System.Net;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using PortalAccess.Storage;

namespace PortalAccess.IntegrationTests.Audit;

/// <summary>DESIGN.md rule 8: who did what to whom, before → after, newest first, never a secret.</summary>
public abstract class AuditTrailTests(TestServices services, HostKind host) : ApiTest(services, host)
{
    public sealed class OnStandalone(TestServices services) : AuditTrailTests(services, HostKind.Standalone);

    public sealed class OnWorker(TestServices services) : AuditTrailTests(services, HostKind.Worker);

    [Fact]
    public async Task Rule8_EveryChange_IsInTheTrail_NewestFirst_WithBeforeAndAfter()
    {
        var owner = await Client.NewOwnerAsync();
        var user = await Client.NewUserAsync(owner, "shop", "sms");
        await Client.SendAsync(HttpMethod.Put, $"/api/users/{user.Id}", new { name = "Renamed", email = user.Login, areas = new[] { "shop" } }, owner.AccessToken);
        await Client.SendAsync(HttpMethod.Delete, $"/api/users/{user.Id}", token: owner.AccessToken);

        var page = await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Get, "/api/audit?pageSize=200", token: owner.AccessToken));
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["user.deleted", "user.updated", "principal.activated", "user.created", "principal.activated", "customer.provisioned"],
            items.Select(i => i.GetProperty("action").GetString()!).ToArray());
        var times = items.Select(i => i.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(times.OrderDescending(), times);

        var updated = items[1];
        Assert.Equal(owner.Id, updated.GetProperty("actor").GetProperty("id").GetString());
        Assert.Equal("owner", updated.GetProperty("actor").GetProperty("kind").GetString());
        Assert.Equal(user.Id, updated.GetProperty("target").GetProperty("id").GetString());
        var areas = updated.GetProperty("changes").GetProperty("areas");
        Assert.Equal(["shop", "sms"], areas.GetProperty("before").EnumerateArray().Select(a => a.GetString()!).ToArray());
        Assert.Equal(["shop"], areas.GetProperty("after").EnumerateArray().Select(a => a.GetString()!).ToArray());
        Assert.Equal("Renamed", updated.GetProperty("changes").GetProperty("name").GetProperty("after").GetString());
        // the caller's own address (whose X-Forwarded-For counts: TrustBoundaryTests)
        Assert.Equal("127.0.0.1", updated.GetProperty("ip").GetString());
        Assert.Equal("system", items[^1].GetProperty("actor").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Rule8_TrailPages_AndIsReadableOnlyByOwnerAndUserManagement_OfTheSameCustomer()
    {
        var owner = await Client.NewOwnerAsync();
        var admin = await Client.NewUserAsync(owner, "user-management");
        var plain = await Client.NewUserAsync(owner, "shop");
        Assert.Equal(HttpStatusCode.Forbidden, (await Client.SendAsync(HttpMethod.Get, "/api/audit", token: plain.AccessToken)).StatusCode);

        var first = await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Get, "/api/audit?pageSize=2", token: admin.AccessToken));
        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        var next = first.GetProperty("continuation").GetString();
        var second = await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Get, $"/api/audit?pageSize=2&continuation={next}", token: admin.AccessToken));
        Assert.NotEqual(first.GetProperty("items")[0].GetProperty("id").GetString(), second.GetProperty("items")[0].GetProperty("id").GetString());

        var stranger = await Client.NewOwnerAsync();
        var theirs = await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Get, "/api/audit?pageSize=200", token: stranger.AccessToken));
        Assert.DoesNotContain(theirs.GetProperty("items").EnumerateArray(), e => e.GetProperty("target").GetProperty("id").GetString() == admin.Id);
    }

    [Fact]
    public async Task Rule8_NoPasswordTokenOrHash_ReachesALogOrTheTrail()
    {
        var owner = await Client.NewOwnerAsync();
        var email = PortalClient.NewEmail();
        await Client.SendAsync(HttpMethod.Post, "/api/users", new { name = "Secretive", email, areas = new[] { "shop" } }, owner.AccessToken);
        var link = await Client.LinkTokenAsync(email);
        await Client.SendAsync(HttpMethod.Post, "/api/auth/activation", new { token = link, password = "short" });
        await Client.ActivateAsync(link, PortalClient.Password);
        var user = await Client.LoginAsync(email, PortalClient.Password);
        var refreshed = await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Post, "/api/auth/refresh", new { refreshToken = user.RefreshToken }));
        await Client.SendAsync(HttpMethod.Post, "/api/auth/refresh", new { refreshToken = user.RefreshToken }); // reuse: revokes, is audited
        await Client.SendAsync(HttpMethod.Post, "/api/auth/login", new { login = email, password = "a wrong password 1" });
        await Client.SendAsync(HttpMethod.Put, "/api/me/password", new { currentPassword = PortalClient.Password, newPassword = "the second password" }, user.AccessToken);
        await Client.SendAsync(HttpMethod.Post, "/api/auth/password-reset", new { login = email });
        var resetToken = System.Text.RegularExpressions.Regex.Match(await MailTextAsync(email, nth: 2), "#token=([A-Za-z0-9_-]+)").Groups[1].Value;
        await Client.SendAsync(HttpMethod.Post, "/api/auth/password-reset/confirm", new { token = resetToken, password = "the third password" });

        var secrets = new[]
        {
            PortalClient.Password, "a wrong password 1", "the second password", "the third password", link, resetToken,
            owner.AccessToken, owner.RefreshToken, user.AccessToken, user.RefreshToken, refreshed.GetProperty("refreshToken").GetString()!,
            owner.RefreshToken.Split('.')[2], user.AccessToken.Split('.')[2], "$argon2id$",
        };
        var table = App.Storage.Table(StorageNames.AuditTable);
        var rows = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {owner.Principal.GetProperty("customerNumber").GetString()}")))
        {
            rows.Add(string.Join("|", row.Select(p => $"{p.Key}={p.Value}")));
        }
        Assert.True(rows.Count >= 8, $"only {rows.Count} audit rows");
        Assert.Contains(rows, r => r.Contains("session.revoked", StringComparison.Ordinal) && r.Contains("spent refresh token presented again", StringComparison.Ordinal)
            && r.Contains("\"reason\"", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("password.reset", StringComparison.Ordinal));
        Assert.NotEmpty(App.Logs.Lines);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(rows, r => r.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(App.Logs.Lines, l => l.Contains(secret, StringComparison.Ordinal));
        }
    }
}
