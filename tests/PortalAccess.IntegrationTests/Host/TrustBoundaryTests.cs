using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PortalAccess.Standalone;

namespace PortalAccess.IntegrationTests.Host;

/// <summary>
/// Issue 12 point 6: the client address in the trail (and the rate-limit partition) comes from <c>X-Forwarded-For</c>
/// only when the direct peer is a proxy the host trusts. A client writing the header itself changes nothing.
/// </summary>
public abstract class TrustBoundaryTests(TestServices services, HostKind host) : ApiTest(services, host)
{
    public sealed class OnStandalone(TestServices services) : TrustBoundaryTests(services, HostKind.Standalone);

    /// <summary>On the worker the test host appends the caller's address, as the platform's front end in Azure does.</summary>
    public sealed class OnWorker(TestServices services) : TrustBoundaryTests(services, HostKind.Worker);

    [Fact]
    public async Task AClientWritingXForwardedFor_IsStillRecordedWithItsOwnAddress()
    {
        var owner = await Client.NewOwnerAsync();

        Assert.Equal("127.0.0.1", await AuditedIpAsync(Client, owner, "203.0.113.66"));
    }

    internal static async Task<string?> AuditedIpAsync(PortalClient client, Session owner, string forwardedFor)
    {
        var email = PortalClient.NewEmail();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/users")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { name = "Forwarded", email, areas = Array.Empty<string>() }),
        };
        request.Headers.Authorization = new("Bearer", owner.AccessToken);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        Assert.Equal(HttpStatusCode.Created, (await client.Http.SendAsync(request)).StatusCode);

        var trail = await PortalClient.JsonAsync(await client.SendAsync(HttpMethod.Get, "/api/audit?pageSize=1", token: owner.AccessToken));
        var created = trail.GetProperty("items")[0];
        Assert.Equal("user.created", created.GetProperty("action").GetString());
        return created.GetProperty("ip").GetString();
    }
}

/// <summary>Behind a configured proxy the Standalone host takes the last hop of its header; behind any other peer, nothing.</summary>
public sealed class ConfiguredProxyTests(TestServices services) : ApiTest(services, configure: s =>
    s.Configure<ProxyOptions>(o => (o.KnownProxies, o.KnownNetworks) = (["127.0.0.1"], ["10.0.0.0/8"])))
{
    [Fact]
    public async Task ThePeerIsAKnownProxy_SoTheLastForwardedHopIsTheClient()
    {
        var owner = await Client.NewOwnerAsync();

        Assert.Equal("203.0.113.7", await TrustBoundaryTests.AuditedIpAsync(Client, owner, "198.51.100.1, 203.0.113.7"));
    }
}
