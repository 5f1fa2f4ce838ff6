using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PortalAccess.IntegrationTests.Auth;

/// <summary>DESIGN.md rules 1–3 attacked from outside, through HTTP, as a hostile tenant or user would.</summary>
public abstract class AttackTests(TestServices services, HostKind host) : ApiTest(services, host)
{
    public sealed class OnStandalone(TestServices services) : AttackTests(services, HostKind.Standalone);

    public sealed class OnWorker(TestServices services) : AttackTests(services, HostKind.Worker);

    [Fact]
    public async Task Rule1_UserIdsOfAnotherCustomer_Answer404OnEveryRoute()
    {
        var victim = await Client.NewOwnerAsync();
        var victimUser = await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Post, "/api/users",
            new { name = "Victim", email = PortalClient.NewEmail(), areas = new[] { "invoices" } }, victim.AccessToken));
        var id = victimUser.GetProperty("id").GetString();
        var attacker = await Client.NewOwnerAsync();

        var body = new { name = "Pwned", email = PortalClient.NewEmail(), areas = new[] { "invoices" } };
        Assert.Equal(HttpStatusCode.NotFound, (await Client.SendAsync(HttpMethod.Get, $"/api/users/{id}", token: attacker.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.SendAsync(HttpMethod.Put, $"/api/users/{id}", body, attacker.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.SendAsync(HttpMethod.Delete, $"/api/users/{id}", token: attacker.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await Client.SendAsync(HttpMethod.Post, $"/api/users/{id}/activation-mail", token: attacker.AccessToken)).StatusCode);

        // nothing changed for the victim, and the attacker's list does not show it
        var still = await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Get, $"/api/users/{id}", token: victim.AccessToken));
        Assert.Equal("Victim", still.GetProperty("name").GetString());
        var list = await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Get, "/api/users", token: attacker.AccessToken));
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Rule1_TheOwnerOfAnotherCustomer_IsNotAUserOfMine()
    {
        var victim = await Client.NewOwnerAsync();
        var attacker = await Client.NewOwnerAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await Client.SendAsync(HttpMethod.Get, $"/api/users/{victim.Id}", token: attacker.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.SendAsync(HttpMethod.Delete, $"/api/users/{victim.Id}", token: attacker.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task Rule1_APartOfARealId_FindsNoOne_EvenInMyOwnAccount()
    {
        // ids are the end of a storage key: a prefix must not be read as "any principal whose id starts so"
        var owner = await Client.NewOwnerAsync();
        var (id, deskId) = await NewUserAndDeskAsync(owner);

        foreach (var part in new[] { id[..1], id[..31], id + "0" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await Client.SendAsync(HttpMethod.Get, $"/api/users/{part}", token: owner.AccessToken)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await Client.SendAsync(HttpMethod.Delete, $"/api/users/{part}", token: owner.AccessToken)).StatusCode);
        }
        foreach (var part in new[] { deskId[..1], deskId[..31] })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await Client.SendAsync(HttpMethod.Get, $"/api/officedesks/{part}", token: owner.AccessToken)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await Client.SendAsync(HttpMethod.Delete, $"/api/officedesks/{part}", token: owner.AccessToken)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(HttpMethod.Get, $"/api/users/{id}", token: owner.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(HttpMethod.Get, $"/api/officedesks/{deskId}", token: owner.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task Rule1_AForgedContinuation_ListsNothingButThatList()
    {
        // the continuation is the last key read, base64url: a client can write any key into it
        var owner = await Client.NewOwnerAsync();
        var (userId, _) = await NewUserAndDeskAsync(owner);

        foreach (var key in new[] { "a", "desk|", "owner|" })
        {
            var forged = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(key));
            var page = await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Get, $"/api/users?continuation={forged}", token: owner.AccessToken));
            var listed = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToArray();
            Assert.Equal([userId], listed);
        }
    }

    [Fact]
    public async Task Rule1_AForgedContinuationThatStartsAmidAUsersRows_ListsOnlyWholeUsers()
    {
        var owner = await Client.NewOwnerAsync();
        foreach (var email in new[] { PortalClient.NewEmail(), PortalClient.NewEmail() })
        {
            Assert.Equal(HttpStatusCode.Created, (await Client.SendAsync(HttpMethod.Post, "/api/users",
                new { name = "Target", email, areas = new[] { "invoices", "shop" } }, owner.AccessToken)).StatusCode);
        }
        var first = await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Get, "/api/users?pageSize=1", token: owner.AccessToken));
        var last = first.GetProperty("items")[0].GetProperty("id").GetString()!;
        // a real continuation decodes to the last key read; a key just past it lands amid that user's other rows
        var key = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(first.GetProperty("continuation").GetString()!)) + "|a";

        var page = await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Get,
            $"/api/users?continuation={WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(key))}", token: owner.AccessToken));

        var next = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.NotEqual(last, next.GetProperty("id").GetString());
        Assert.Equal(32, next.GetProperty("id").GetString()!.Length);
        Assert.Equal(["invoices", "shop"], next.GetProperty("areas").EnumerateArray().Select(a => a.GetString()!).Order(StringComparer.Ordinal));
    }

    /// <summary>One user and one desk of <paramref name="owner"/>'s customer, by their ids.</summary>
    private async Task<(string UserId, string DeskId)> NewUserAndDeskAsync(Session owner)
    {
        var user = await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Post, "/api/users",
            new { name = "Target", email = PortalClient.NewEmail(), areas = new[] { "invoices" } }, owner.AccessToken));
        var desk = await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Post, "/api/officedesks",
            new { name = "Empfang", email = PortalClient.NewEmail("desk"), extension = "201", features = new[] { "fax" } }, owner.AccessToken));
        return (user.GetProperty("id").GetString()!, desk.GetProperty("id").GetString()!);
    }

    [Fact]
    public async Task Rule2_DelegatedAdmin_CannotGrantAreaTheyLack()
    {
        var owner = await Client.NewOwnerAsync();
        var admin = await Client.NewUserAsync(owner, "user-management", "invoices");

        var response = await Client.SendAsync(HttpMethod.Post, "/api/users",
            new { name = "Escalated", email = PortalClient.NewEmail(), areas = new[] { "invoices", "tariff-change" } }, admin.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.EndsWith("/escalation", (await PortalClient.JsonAsync(response)).GetProperty("type").GetString(), StringComparison.Ordinal);

        var ok = await Client.SendAsync(HttpMethod.Post, "/api/users",
            new { name = "Fine", email = PortalClient.NewEmail(), areas = new[] { "invoices" } }, admin.AccessToken);
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
    }

    [Fact]
    public async Task Rule2_User_CannotChangeOwnAreas_NorDeleteThemselves()
    {
        var owner = await Client.NewOwnerAsync();
        var admin = await Client.NewUserAsync(owner, "user-management", "invoices");

        var widen = await Client.SendAsync(HttpMethod.Put, $"/api/users/{admin.Id}",
            new { name = "Me", email = admin.Login, areas = new[] { "user-management" } }, admin.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, widen.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Client.SendAsync(HttpMethod.Delete, $"/api/users/{admin.Id}", token: admin.AccessToken)).StatusCode);

        var me = await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Get, $"/api/users/{admin.Id}", token: owner.AccessToken));
        Assert.Equal(2, me.GetProperty("areas").GetArrayLength());
    }

    [Fact]
    public async Task Rule2_DelegatedAdmin_CannotTouchAUserWithMoreRights()
    {
        var owner = await Client.NewOwnerAsync();
        var admin = await Client.NewUserAsync(owner, "user-management", "invoices");
        var stronger = await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Post, "/api/users",
            new { name = "Stronger", email = PortalClient.NewEmail(), areas = new[] { "user-management", "invoices", "shop" } }, owner.AccessToken));
        var id = stronger.GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.Forbidden, (await Client.SendAsync(HttpMethod.Put, $"/api/users/{id}",
            new { name = "Weaker", email = stronger.GetProperty("email").GetString(), areas = new[] { "invoices" } }, admin.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Client.SendAsync(HttpMethod.Delete, $"/api/users/{id}", token: admin.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await Client.SendAsync(HttpMethod.Post, $"/api/users/{id}/activation-mail", token: admin.AccessToken)).StatusCode);
    }

    /// <summary>The update path's own grant check: the target is manageable, only the new areas exceed the caller's.</summary>
    [Fact]
    public async Task Rule2_DelegatedAdmin_CannotAddAnAreaTheyLack_ToAUserTheyManage()
    {
        var owner = await Client.NewOwnerAsync();
        var admin = await Client.NewUserAsync(owner, "user-management", "invoices");
        var email = PortalClient.NewEmail();
        var created = await Client.SendAsync(HttpMethod.Post, "/api/users", new { name = "Managed", email, areas = new[] { "invoices" } }, admin.AccessToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await PortalClient.JsonAsync(created)).GetProperty("id").GetString();

        var raised = await Client.SendAsync(HttpMethod.Put, $"/api/users/{id}",
            new { name = "Managed", email, areas = new[] { "invoices", "shop" } }, admin.AccessToken, ifMatch: created.Headers.ETag?.Tag);

        Assert.Equal(HttpStatusCode.Forbidden, raised.StatusCode);
        Assert.Equal(Http.Problems.TypeBase + "escalation", (await PortalClient.JsonAsync(raised)).GetProperty("type").GetString());
        var stored = await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Get, $"/api/users/{id}", token: owner.AccessToken));
        Assert.Equal(["invoices"], stored.GetProperty("areas").EnumerateArray().Select(a => a.GetString()!).ToArray());
    }

    [Fact]
    public async Task Rule2_UserWithoutUserManagement_Gets403OnEveryUsersRoute()
    {
        var owner = await Client.NewOwnerAsync();
        var user = await Client.NewUserAsync(owner, "invoices");
        var list = await Client.SendAsync(HttpMethod.Get, "/api/users", token: user.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal("This needs the 'user-management' area.", (await PortalClient.JsonAsync(list)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await Client.SendAsync(HttpMethod.Post, "/api/users",
            new { name = "X", email = PortalClient.NewEmail(), areas = Array.Empty<string>() }, user.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Client.SendAsync(HttpMethod.Get, $"/api/users/{user.Id}", token: user.AccessToken)).StatusCode);
    }

    /// <summary>
    /// An Authorization header over 8 KiB is refused before the token is parsed, even when it carries a valid token
    /// (padded with the white space the bearer value may have inside); one of exactly 8 KiB is still read.
    /// </summary>
    [Fact]
    public async Task Rule1_AnAuthorizationHeaderOver8KiB_IsRefused_EvenAroundAValidToken()
    {
        var owner = await Client.NewOwnerAsync();
        async Task<HttpStatusCode> MeWithHeaderOf(int length)
        {
            var value = "Bearer " + new string(' ', length - "Bearer ".Length - owner.AccessToken.Length) + owner.AccessToken;
            Assert.Equal(length, value.Length);
            if (App.Kind == HostKind.Standalone)
            {
                // HttpClient's in-memory handler re-writes an Authorization value it can parse as "Bearer <token>",
                // dropping the padding; the test server takes the header exactly as a socket would deliver it
                var context = await Standalone.Server.SendAsync(c =>
                {
                    c.Request.Method = "GET";
                    c.Request.Path = "/api/me";
                    c.Request.Headers.Authorization = value;
                });
                return (HttpStatusCode)context.Response.StatusCode;
            }
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
            request.Headers.TryAddWithoutValidation("Authorization", value);
            return (await Client.Http.SendAsync(request)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await MeWithHeaderOf(8192));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeWithHeaderOf(8193));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeWithHeaderOf(16_000));
    }

    [Fact]
    public async Task Rule1_ForgedTokens_Answer401WithBearerChallenge()
    {
        var owner = await Client.NewOwnerAsync();
        using var foreignKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var jwt = new JsonWebToken(owner.AccessToken);
        var forged = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = jwt.Issuer,
            Audience = jwt.Audiences.First(),
            Expires = DateTime.UtcNow.AddMinutes(5),
            Claims = new Dictionary<string, object> { ["sub"] = owner.Id, ["cid"] = jwt.GetClaim("cid").Value, ["kind"] = "owner" },
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(foreignKey) { KeyId = jwt.Kid }, SecurityAlgorithms.EcdsaSha256),
        });
        var parts = owner.AccessToken.Split('.');
        var unsigned = $"{Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{parts[1]}.";

        foreach (var token in new[] { forged, unsigned, parts[0] + "." + parts[1] + ".AAAA", "garbage" })
        {
            var response = await Client.SendAsync(HttpMethod.Get, "/api/users", token: token);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.SendAsync(HttpMethod.Get, "/api/me")).StatusCode);
    }

    [Fact]
    public async Task SystemEndpoints_RefuseCallsWithoutTheSystemKey()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/customers/C12345")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { name = "X", email = PortalClient.NewEmail() }),
        };
        request.Headers.Add("x-functions-key", "wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.Http.SendAsync(request)).StatusCode);
        var owner = await Client.NewOwnerAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.SendAsync(HttpMethod.Put, "/api/customers/C12345",
            new { name = "X", email = PortalClient.NewEmail() }, owner.AccessToken)).StatusCode);
    }
}
