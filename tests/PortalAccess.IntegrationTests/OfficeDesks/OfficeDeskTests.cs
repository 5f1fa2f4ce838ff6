using System.Net;
using Microsoft.IdentityModel.JsonWebTokens;

namespace PortalAccess.IntegrationTests.OfficeDesks;

/// <summary>PBX desks made by hand: the OfficeDesks API, the welcome mail, and what a desk may reach.</summary>
public abstract class OfficeDeskTests(TestServices services, HostKind host) : ApiTest(services, host)
{
    public sealed class OnStandalone(TestServices services) : OfficeDeskTests(services, HostKind.Standalone);

    public sealed class OnWorker(TestServices services) : OfficeDeskTests(services, HostKind.Worker);

    [Fact]
    public async Task PbxDesk_ByHand_GetsAWelcomeMail_Activates_AndSeesOnlyItsExtensionAndFeatures()
    {
        var owner = await Client.NewOwnerAsync();
        var email = PortalClient.NewEmail("desk");
        var created = await Client.SendAsync(HttpMethod.Post, "/api/officedesks",
            new { name = "Empfang", email, extension = "201", features = new[] { "voicemail", "fax" } }, owner.AccessToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var desk = await PortalClient.JsonAsync(created);
        Assert.Equal("pbx-desk", desk.GetProperty("kind").GetString());
        Assert.Equal("invited", desk.GetProperty("status").GetString());
        Assert.Equal("manual", desk.GetProperty("source").GetString());

        var text = await MailTextAsync(email);
        Assert.Contains("OfficeDesk", text, StringComparison.Ordinal);
        Assert.Contains("Nebenstelle: 201", text, StringComparison.Ordinal);
        Assert.Contains("Extension: 201", text, StringComparison.Ordinal);
        Assert.Contains("Anrufbeantworter", text, StringComparison.Ordinal);
        Assert.Contains("Test GmbH", text, StringComparison.Ordinal);
        var welcome = await Client.LinkTokenAsync(email);
        var link = await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Post, "/api/auth/activation/check", new { token = welcome }));
        Assert.Equal("desk-welcome", link.GetProperty("purpose").GetString());
        await Client.ActivateAsync(welcome, PortalClient.Password);

        var session = await Client.LoginAsync(email, PortalClient.Password);
        var me = await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Get, "/api/me", token: session.AccessToken));
        Assert.Equal("pbx-desk", me.GetProperty("kind").GetString());
        Assert.Equal("201", me.GetProperty("extension").GetString());
        Assert.Equal(["fax", "voicemail"], me.GetProperty("features").EnumerateArray().Select(f => f.GetString()!).ToArray());
        Assert.Equal(0, me.GetProperty("areas").GetArrayLength());
        var token = new JsonWebToken(session.AccessToken);
        Assert.Equal(["fax", "voicemail"], token.GetPayloadValue<string[]>("features"));
        Assert.False(token.TryGetPayloadValue<string[]>("areas", out _));
        Assert.Equal("201", token.GetPayloadValue<string>("ext"));
        Assert.False(token.TryGetPayloadValue<string>("num", out _));
        Assert.Equal(["pwd"], token.GetPayloadValue<string[]>("amr"));
        Assert.Equal(HttpStatusCode.Forbidden, (await Client.SendAsync(HttpMethod.Get, "/api/users", token: session.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Client.SendAsync(HttpMethod.Get, "/api/officedesks", token: session.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Client.SendAsync(HttpMethod.Get, "/api/audit", token: session.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task CloudPbxHolder_ListsEditsAndDeletesDesks_WithETags_AndTheDeskFeelsItAtOnce()
    {
        var owner = await Client.NewOwnerAsync();
        var admin = await Client.NewUserAsync(owner, "cloud-pbx");
        var email = PortalClient.NewEmail("desk");
        var desk = await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Post, "/api/officedesks",
            new { name = "Lager", email, extension = "305", features = new[] { "sms", "contacts" } }, admin.AccessToken));
        var id = desk.GetProperty("id").GetString();
        await Client.ActivateAsync(await Client.LinkTokenAsync(email), PortalClient.Password);
        var deskSession = await Client.LoginAsync(email, PortalClient.Password);

        var list = await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Get, "/api/officedesks", token: admin.AccessToken));
        Assert.Equal(id, list.GetProperty("items")[0].GetProperty("id").GetString());
        var read = await Client.SendAsync(HttpMethod.Get, $"/api/officedesks/{id}", token: admin.AccessToken);
        var etag = read.Headers.ETag!.ToString();
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await Client.SendAsync(HttpMethod.Put, $"/api/officedesks/{id}",
            new { name = "Lager", email, extension = "306", features = new[] { "sms" } }, admin.AccessToken, ifMatch: "\"old\"")).StatusCode);
        var updated = await Client.SendAsync(HttpMethod.Put, $"/api/officedesks/{id}",
            new { name = "Lager", email, extension = "306", features = new[] { "sms" } }, admin.AccessToken, ifMatch: etag);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);

        var me = await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Get, "/api/me", token: deskSession.AccessToken));
        Assert.Equal("306", me.GetProperty("extension").GetString());
        Assert.Equal(["sms"], me.GetProperty("features").EnumerateArray().Select(f => f.GetString()!).ToArray());

        Assert.Equal(HttpStatusCode.NoContent, (await Client.SendAsync(HttpMethod.Delete, $"/api/officedesks/{id}", token: admin.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.SendAsync(HttpMethod.Get, "/api/me", token: deskSession.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task Rule1_DeskIdsOfAnotherCustomer_Answer404_AndRule2_NeedsCloudPbx()
    {
        var victim = await Client.NewOwnerAsync();
        var desk = await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Post, "/api/officedesks",
            new { name = "Victim desk", email = PortalClient.NewEmail("desk"), extension = "10", features = new[] { "fax" } }, victim.AccessToken));
        var id = desk.GetProperty("id").GetString();
        var attacker = await Client.NewOwnerAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await Client.SendAsync(HttpMethod.Get, $"/api/officedesks/{id}", token: attacker.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.SendAsync(HttpMethod.Delete, $"/api/officedesks/{id}", token: attacker.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.SendAsync(HttpMethod.Put, $"/api/officedesks/{id}",
            new { name = "x", email = PortalClient.NewEmail(), extension = "1", features = Array.Empty<string>() }, attacker.AccessToken)).StatusCode);
        // a desk is no user, and a user is no desk
        Assert.Equal(HttpStatusCode.NotFound, (await Client.SendAsync(HttpMethod.Get, $"/api/users/{id}", token: victim.AccessToken)).StatusCode);

        var plain = await Client.NewUserAsync(victim, "user-management", "invoices");
        Assert.Equal(HttpStatusCode.Forbidden, (await Client.SendAsync(HttpMethod.Get, "/api/officedesks", token: plain.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Client.SendAsync(HttpMethod.Post, "/api/officedesks",
            new { name = "x", email = PortalClient.NewEmail(), extension = "1", features = Array.Empty<string>() }, plain.AccessToken)).StatusCode);
    }

    [Theory]
    [InlineData("{\"name\":\"D\",\"email\":\"{email}\",\"extension\":\"12a\",\"features\":[]}", "extension")]
    [InlineData("{\"name\":\"D\",\"email\":\"{email}\",\"extension\":\"12\",\"features\":[\"root\"]}", "features")]
    [InlineData("{\"name\":\"D\",\"email\":\"{email}\",\"extension\":\"12\",\"features\":[\"invoices\"]}", "features")]
    [InlineData("{\"name\":\"D\",\"email\":\"{email}\",\"features\":[]}", "extension")]
    public async Task Rule9_BadDeskBodies_Get400_AndDesksGetNothingBeyondTheFeatureCatalog(string json, string field)
    {
        var owner = await Client.NewOwnerAsync();
        var response = await Client.SendAsync(HttpMethod.Post, "/api/officedesks",
            new StringContent(json.Replace("{email}", PortalClient.NewEmail(), StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json"), owner.AccessToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await PortalClient.JsonAsync(response)).GetProperty("errors").TryGetProperty(field, out _));
    }
}
