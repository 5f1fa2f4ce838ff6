using System.Net;
using System.Text.RegularExpressions;
using PortalAccess.Http;

namespace PortalAccess.IntegrationTests.Host;

/// <summary>
/// CORS of both hosts, from <c>PortalAccess:Cors:AllowedOrigins</c> (<see cref="PortalApp.CorsOrigins"/>): every listed
/// origin may call, preflights may be cached, and any other origin gets no CORS header, so the browser keeps the answer
/// from its script. On the worker the preflight reaches the app as it would on Azure with the platform's CORS off
/// (infra/app/api.bicep): through a route-miss function that takes OPTIONS.
/// </summary>
public abstract class CorsTests(TestServices services, HostKind host) : ApiTest(services, host)
{
    private const string Portal = "https://portal.example";
    private const string Admin = "https://admin.example";

    public sealed class OnStandalone(TestServices services) : CorsTests(services, HostKind.Standalone);

    public sealed class OnWorker(TestServices services) : CorsTests(services, HostKind.Worker);

    [Theory]
    [InlineData(Portal)]
    [InlineData(Admin)]
    public async Task AListedOrigin_GetsACacheablePreflight_OnEveryBrowserRoute_AndReadsETagAndLocation(string origin)
    {
        foreach (var route in PortalApi.Routes.Where(r => r.Access != RouteAccess.SystemKey))
        {
            var path = "/" + ApiRoutes.Prefix + "/" + Regex.Replace(route.Template, @"\{[^}]+\}", "some-id");
            using var preflight = new HttpRequestMessage(HttpMethod.Options, path);
            preflight.Headers.Add("Origin", origin);
            preflight.Headers.Add("Access-Control-Request-Method", route.Method);
            preflight.Headers.Add("Access-Control-Request-Headers", "authorization, content-type, if-match");
            var answer = await Client.Http.SendAsync(preflight);

            Assert.True(answer.StatusCode == HttpStatusCode.NoContent, $"{route.Method} {path}: preflight answered {(int)answer.StatusCode}");
            Assert.Equal(origin, answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
            Assert.Equal(((int)PortalCors.PreflightMaxAge.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
                answer.Headers.GetValues("Access-Control-Max-Age").Single());
            Assert.Contains(route.Method, answer.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
        }

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
