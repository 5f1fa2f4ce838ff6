using System.Net;

namespace PortalAccess.IntegrationTests.Host;

/// <summary>
/// The Functions test host serves the reference portal next to the functions (<c>--static</c>, as run.sh --functions
/// uses it): the pages and the mail-link pages are the portal's, every other path still belongs to the functions.
/// (The portal itself is walked in chromium against the Standalone host, tests/PortalAccess.BrowserTests.)
/// </summary>
public sealed class PortalOnWorkerTests(TestServices services) : ApiTest(services, HostKind.Worker)
{
    [Theory]
    [InlineData("/", "text/html")]
    [InlineData("/activate", "text/html")]
    [InlineData("/reset-password", "text/html")]
    [InlineData("/js/app.js", "text/javascript")]
    public async Task ThePortal_IsServedAtItsPaths(string path, string mediaType)
    {
        var response = await Client.SendAsync(HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task EveryOtherPath_StillBelongsToTheFunctions()
    {
        Assert.Equal("ok", (await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Get, "/api/health"))).GetProperty("status").GetString());
        var unknown = await Client.SendAsync(HttpMethod.Get, "/api/index.html");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }
}
