using System.Net;
using PortalAccess.Http;

namespace PortalAccess.IntegrationTests.Host;

/// <summary>
/// Every answer of both hosts is <c>nosniff</c>; an answer carrying a token or personal data is never stored by a cache
/// (<c>Cache-Control: no-store</c>), errors included; HSTS outside Development.
/// </summary>
public abstract class SecurityHeadersTests(TestServices services, HostKind host) : ApiTest(services, host)
{
    public sealed class OnStandalone(TestServices services) : SecurityHeadersTests(services, HostKind.Standalone)
    {
        [Fact]
        public async Task OverHttps_TheStandaloneHostSendsHsts_OutsideDevelopment()
        {
            var response = await Client.Http.GetAsync(new Uri("https://api.portal.example/api/health"));

            Assert.Equal(SecurityHeaders.StrictTransportSecurity, response.Headers.GetValues("Strict-Transport-Security").Single());
        }
    }

    public sealed class OnWorker(TestServices services) : SecurityHeadersTests(services, HostKind.Worker)
    {
        [Fact]
        public async Task TheFunctionsAppSendsHsts_OutsideDevelopment()
        {
            var response = await Client.Http.GetAsync(new Uri("/api/health", UriKind.Relative));

            Assert.Equal(SecurityHeaders.StrictTransportSecurity, response.Headers.GetValues("Strict-Transport-Security").Single());
        }
    }

    [Fact]
    public async Task TokenAnswers_AreNoStore_AndNosniff()
    {
        var owner = await Client.NewOwnerAsync();
        var login = await Client.TryLoginAsync(owner.Login, owner.Password);
        var refresh = await Client.SendAsync(HttpMethod.Post, "/api/auth/refresh", new { refreshToken = owner.RefreshToken });
        var me = await Client.SendAsync(HttpMethod.Get, "/api/me", token: owner.AccessToken);

        foreach (var response in new[] { login, refresh, me })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            AssertNoStoreAndNosniff(response);
        }
    }

    [Theory]
    [InlineData("GET", "/api/users")]
    [InlineData("GET", "/api/no-such-route")]
    [InlineData("DELETE", "/api/health")]
    [InlineData("POST", "/api/auth/login")]
    public async Task ErrorAnswers_AreNoStore_AndNosniff(string method, string path)
    {
        var response = await Client.SendAsync(new HttpMethod(method), path, method == "POST" ? new { login = "x" } : null);

        Assert.True((int)response.StatusCode >= 400, $"{method} {path} answered {(int)response.StatusCode}");
        AssertNoStoreAndNosniff(response);
    }

    private static void AssertNoStoreAndNosniff(HttpResponseMessage response)
    {
        Assert.True(response.Headers.CacheControl?.NoStore, $"{response.RequestMessage?.RequestUri}: Cache-Control is '{response.Headers.CacheControl}'");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }
}
