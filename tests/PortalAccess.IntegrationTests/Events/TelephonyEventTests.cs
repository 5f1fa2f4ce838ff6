using System.Net;
using System.Text;
using CloudNative.CloudEvents;
using Microsoft.IdentityModel.JsonWebTokens;

namespace PortalAccess.IntegrationTests.Events;

/// <summary>The telephony system's CloudEvents, sent with the CloudEvents SDK in all three content modes.</summary>
public abstract class TelephonyEventTests(TestServices services, HostKind host) : ApiTest(services, host)
{
    public sealed class OnStandalone(TestServices services) : TelephonyEventTests(services, HostKind.Standalone);

    public sealed class OnWorker(TestServices services) : TelephonyEventTests(services, HostKind.Worker);

    private TelephonySender Telephony => new(Client.Http);

    [Fact]
    public async Task WebRtcDevice_CreatesADeskWithTheDefaultFeatures_OtherDevicesNothing_AndItsDeletionRemovesIt()
    {
        var (owner, customer) = await NewCustomerAsync();
        var email = PortalClient.NewEmail("webrtc");
        var deviceId = Guid.NewGuid().ToString("N");
        var created = await Telephony.SendAsync(TelephonySender.Event("pbx.device.created",
            new { customerNumber = customer, deviceId, deviceType = "webrtc", extension = "42", userName = "Max Web", userEmail = email }));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Telephony.SendAsync(TelephonySender.Event("pbx.device.created",
            new { customerNumber = customer, deviceId = "desk-phone-1", deviceType = "sip-phone", extension = "43", userName = "Desk", userEmail = PortalClient.NewEmail() }))).StatusCode);

        var desks = (await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Get, "/api/officedesks", token: owner.AccessToken))).GetProperty("items");
        var desk = Assert.Single(desks.EnumerateArray());
        Assert.Equal("webrtc-device", desk.GetProperty("source").GetString());
        Assert.Equal(deviceId, desk.GetProperty("deviceId").GetString());
        Assert.Equal("42", desk.GetProperty("extension").GetString());
        Assert.Equal(["call-forwarding", "call-list", "caller-id", "contacts", "voicemail"], desk.GetProperty("features").EnumerateArray().Select(f => f.GetString()!).ToArray());
        var welcome = await MailTextAsync(email);
        Assert.Contains("Nebenstelle: 42", welcome, StringComparison.Ordinal);
        Assert.Contains($"Die Telefonanlage von Test GmbH (Kundennummer {customer}) hat für Sie einen OfficeDesk-Zugang", welcome, StringComparison.Ordinal);

        var audit = await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Get, "/api/audit", token: owner.AccessToken));
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("action").GetString() == "desk.created"
            && e.GetProperty("actor").GetProperty("name").GetString() == "Telephony system");

        Assert.Equal(HttpStatusCode.OK, (await Telephony.SendAsync(TelephonySender.Event("pbx.device.deleted", new { customerNumber = customer, deviceId }))).StatusCode);
        Assert.Equal(0, (await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Get, "/api/officedesks", token: owner.AccessToken))).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task BatchedAndBinaryModes_AreUnderstood_AndADeviceDeletionNeverRemovesAHandMadeDesk()
    {
        var (owner, customer) = await NewCustomerAsync();
        var manual = await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Post, "/api/officedesks",
            new { name = "By hand", email = PortalClient.NewEmail("desk"), extension = "7", features = new[] { "fax" } }, owner.AccessToken));
        var batch = await Telephony.SendBatchAsync(
            TelephonySender.Event("pbx.device.created", new { customerNumber = customer, deviceId = "d1", deviceType = "webrtc", extension = "51", userName = "One", userEmail = PortalClient.NewEmail() }),
            TelephonySender.Event("pbx.device.created", new { customerNumber = customer, deviceId = "d2", deviceType = "webrtc", extension = "52", userName = "Two", userEmail = PortalClient.NewEmail() }));
        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        var binary = await Telephony.SendAsync(TelephonySender.Event("pbx.device.deleted", new { customerNumber = customer, deviceId = "d1" }), ContentMode.Binary);
        Assert.Equal(HttpStatusCode.OK, binary.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Telephony.SendAsync(
            TelephonySender.Event("pbx.device.deleted", new { customerNumber = customer, deviceId = manual.GetProperty("id").GetString() }), ContentMode.Binary)).StatusCode);

        var desks = (await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Get, "/api/officedesks", token: owner.AccessToken)))
            .GetProperty("items").EnumerateArray().Select(d => d.GetProperty("extension").GetString()!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["52", "7"], desks);
    }

    [Fact]
    public async Task TheSameEventTwice_AlsoConcurrently_AppliesOnce_AndAnswers200Each()
    {
        var (owner, customer) = await NewCustomerAsync();
        var email = PortalClient.NewEmail("webrtc");
        var e = TelephonySender.Event("pbx.device.created",
            new { customerNumber = customer, deviceId = "dup", deviceType = "webrtc", extension = "60", userName = "Dup", userEmail = email });

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Telephony.SendAsync(e)));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(HttpStatusCode.OK, (await Telephony.SendAsync(e)).StatusCode);

        Assert.Equal(1, (await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Get, "/api/officedesks", token: owner.AccessToken))).GetProperty("items").GetArrayLength());
        await MailTextAsync(email);
        await Task.Delay(1000);
        Assert.Equal(1, await MailCountAsync(email));
    }

    [Fact]
    public async Task DeviceDeletedBeforeItsCreationArrives_LeavesNoDesk()
    {
        var (owner, customer) = await NewCustomerAsync();
        Assert.Equal(HttpStatusCode.OK, (await Telephony.SendAsync(TelephonySender.Event("pbx.device.deleted", new { customerNumber = customer, deviceId = "late" }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Telephony.SendAsync(TelephonySender.Event("pbx.device.created",
            new { customerNumber = customer, deviceId = "late", deviceType = "webrtc", extension = "70", userName = "Late", userEmail = PortalClient.NewEmail() }))).StatusCode);
        Assert.Equal(0, (await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Get, "/api/officedesks", token: owner.AccessToken))).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task SipAccount_GivesASipDesk_ThatLogsInWithTheNumberInBothFormats_AndFollowsUpdatesAndDeletion()
    {
        var (owner, customer) = await NewCustomerAsync();
        var local = Random.Shared.Next(1_000_000, 9_999_999);
        var number = $"+4930{local}";
        Assert.Equal(HttpStatusCode.OK, (await Telephony.SendAsync(TelephonySender.Event("sip.account.upserted",
            new { customerNumber = customer, sipAccountId = "sip-1", number = $"0049 30 {local}", password = "sip secret one" }))).StatusCode);

        foreach (var login in new[] { number, $"004930{local}" })
        {
            var session = await Client.LoginAsync(login, "sip secret one");
            var me = await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Get, "/api/me", token: session.AccessToken));
            Assert.Equal("sip-desk", me.GetProperty("kind").GetString());
            Assert.Equal(number, me.GetProperty("number").GetString());
            var token = new JsonWebToken(session.AccessToken);
            Assert.Equal(number, token.GetPayloadValue<string>("num"));
            Assert.False(token.TryGetPayloadValue<string>("ext", out _));
            Assert.Equal(["call-forwarding", "caller-id", "fax", "voicemail"], me.GetProperty("features").EnumerateArray().Select(f => f.GetString()!).ToArray());
            Assert.Equal(HttpStatusCode.Forbidden, (await Client.SendAsync(HttpMethod.Get, "/api/users", token: session.AccessToken)).StatusCode);
        }
        var desks = await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Get, "/api/officedesks", token: owner.AccessToken));
        var sipDesk = Assert.Single(desks.GetProperty("items").EnumerateArray());
        var id = sipDesk.GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.Conflict, (await Client.SendAsync(HttpMethod.Delete, $"/api/officedesks/{id}", token: owner.AccessToken)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await Telephony.SendAsync(TelephonySender.Event("sip.account.upserted",
            new { customerNumber = customer, sipAccountId = "sip-1", number, password = "sip secret two" }))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.SendAsync(HttpMethod.Post, "/api/auth/login", new { login = number, password = "sip secret one" })).StatusCode);
        await Client.LoginAsync(number, "sip secret two");

        Assert.Equal(HttpStatusCode.OK, (await Telephony.SendAsync(TelephonySender.Event("sip.account.deleted", new { customerNumber = customer, sipAccountId = "sip-1" }))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.SendAsync(HttpMethod.Post, "/api/auth/login", new { login = number, password = "sip secret two" })).StatusCode);
        Assert.DoesNotContain(App.Logs.Lines, l => l.Contains("sip secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rule9_MalformedEvents_Get400_AndABatchWithOneBadEventIsRejectedWhole()
    {
        var (owner, customer) = await NewCustomerAsync();
        var good = TelephonySender.Event("pbx.device.created",
            new { customerNumber = customer, deviceId = "ok", deviceType = "webrtc", extension = "80", userName = "Ok", userEmail = PortalClient.NewEmail() });
        var badNumber = TelephonySender.Event("sip.account.upserted", new { customerNumber = customer, sipAccountId = "s", number = "12345", password = "pw" });
        var batch = await Telephony.SendBatchAsync(good, badNumber);
        Assert.Equal(HttpStatusCode.BadRequest, batch.StatusCode);
        Assert.True((await PortalClient.JsonAsync(batch)).GetProperty("errors").TryGetProperty("[1].data.number", out _));
        Assert.Equal(0, (await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Get, "/api/officedesks", token: owner.AccessToken))).GetProperty("items").GetArrayLength());

        foreach (var json in new[]
                 {
                     "{\"specversion\":\"1.0\",\"source\":\"urn:x\",\"type\":\"pbx.device.deleted\",\"data\":{}}",
                     "{\"specversion\":\"0.1\",\"id\":\"1\",\"source\":\"urn:x\",\"type\":\"pbx.device.deleted\"}",
                     "{\"specversion\":\"1.0\",\"id\":\"1\",\"type\":\"pbx.device.deleted\"}",
                     "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"urn:x\"}",
                     "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"urn:x\",\"type\":\"pbx.device.deleted\",\"data\":{\"customerNumber\":5}}",
                     "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"urn:x\",\"type\":\"pbx.device.deleted\",\"data\":{\"customerNumber\":\"C999\",\"deviceId\":\"x\"}}",
                     "not json",
                 })
        {
            var response = await Telephony.PostAsync(new StringContent(json, Encoding.UTF8, "application/cloudevents+json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }
        // a type this service does not know is acknowledged and ignored
        Assert.Equal(HttpStatusCode.OK, (await Telephony.SendAsync(TelephonySender.Event("pbx.something.else", new { customerNumber = customer }))).StatusCode);
    }

    [Fact]
    public async Task TheEndpoint_DemandsTheSystemKey_AndAnswersTheWebhookHandshake()
    {
        var (_, customer) = await NewCustomerAsync();
        var e = TelephonySender.Event("pbx.device.deleted", new { customerNumber = customer, deviceId = "x" });
        Assert.Equal(HttpStatusCode.Unauthorized, (await Telephony.PostAsync(new StringContent("{}", Encoding.UTF8, "application/cloudevents+json"), key: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Telephony.PostAsync(new StringContent("{}", Encoding.UTF8, "application/cloudevents+json"), key: "guess")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Telephony.SendAsync(e)).StatusCode);

        using var handshake = new HttpRequestMessage(HttpMethod.Options, $"/api/events/telephony?code={PortalApp.SystemKey}");
        handshake.Headers.Add("WebHook-Request-Origin", "eventemitter.example.com");
        var answer = await Client.Http.SendAsync(handshake);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("eventemitter.example.com", answer.Headers.GetValues("WebHook-Allowed-Origin").Single());
    }

    /// <summary>
    /// The system key may come as <c>?code=</c>; the request line that carries it must not reach a log (the HTTP fuzz found
    /// the worker's "Request starting … ?code=…" line).
    /// </summary>
    [Fact]
    public async Task TheSystemKeyInTheQuery_IsNeverLogged()
    {
        using var handshake = new HttpRequestMessage(HttpMethod.Options, $"/api/events/telephony?code={PortalApp.SystemKey}");
        handshake.Headers.Add("WebHook-Request-Origin", "eventemitter.example.com");
        Assert.Equal(HttpStatusCode.OK, (await Client.Http.SendAsync(handshake)).StatusCode);
        // the worker's lines come over gRPC: give them a moment
        await Task.Delay(500);

        Assert.DoesNotContain(App.Logs.Lines, line => line.Contains(PortalApp.SystemKey, StringComparison.Ordinal));
    }

    private async Task<(Session Owner, string CustomerNumber)> NewCustomerAsync()
    {
        var owner = await Client.NewOwnerAsync();
        return (owner, owner.Principal.GetProperty("customerNumber").GetString()!);
    }
}
