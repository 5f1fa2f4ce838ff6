using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PortalAccess.IntegrationTests.Infrastructure;
using PortalAccess.IntegrationTests.Support;
using PortalAccess.Standalone;

namespace PortalAccess.IntegrationTests;

/// <summary>
/// CORS of the Standalone host, from <c>PortalAccess:Cors:AllowedOrigins</c>: every listed origin may call, preflights
/// may be cached, and any other origin gets no CORS header, so the browser keeps the answer from its script.
/// (On Azure the platform answers CORS from the same list, infra/app/api.bicep.)
/// </summary>
public sealed class CorsTests(TestServices services) : ApiTest(services, configure: s =>
    s.Configure<PortalAccessOptions>(o => o.Cors.AllowedOrigins = [Portal, Admin]))
{
    private const string Portal = "https://portal.example";
    private const string Admin = "https://admin.example";

    [Theory]
    [InlineData(Portal)]
    [InlineData(Admin)]
    public async Task AListedOrigin_GetsACacheablePreflight_AndReadsETagAndLocation(string origin)
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/users");
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization, content-type, if-match");
        var answer = await Client.Http.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
        Assert.Equal(origin, answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal(((int)StandaloneHost.PreflightMaxAge.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
            answer.Headers.GetValues("Access-Control-Max-Age").Single());
        Assert.Contains("POST", answer.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);

        using var call = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        call.Headers.Add("Origin", origin);
        var called = await Client.Http.SendAsync(call);
        Assert.Equal(origin, called.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("ETag", called.Headers.GetValues("Access-Control-Expose-Headers").Single(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("https://portal.example.evil.example")]
    [InlineData("http://portal.example")]
    public async Task AnyOtherOrigin_GetsNoCorsHeader(string origin)
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/users");
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        var answer = await Client.Http.SendAsync(preflight);
        Assert.False(answer.Headers.Contains("Access-Control-Allow-Origin"));

        using var call = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        call.Headers.Add("Origin", origin);
        Assert.False((await Client.Http.SendAsync(call)).Headers.Contains("Access-Control-Allow-Origin"));
    }
}
