using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using PortalAccess.Http;

namespace PortalAccess.IntegrationTests.Host;

/// <summary>
/// The Functions host tries HTTP routes in the order the functions were registered, not by precedence. The app's
/// catch-all route-miss functions (<see cref="RouteMisses"/>) must therefore never take a request a route of the table
/// takes, whichever order the host tries them in: each run starts its own worker, in the announced order and reversed.
/// </summary>
[Collection(ServicesCollection.Name)]
public sealed partial class RouteOrderTests(TestServices services)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EveryRoute_ReachesItsOwnFunction_AndEveryOtherRequest_ARouteMissProblem_InEitherOrder(bool reverse)
    {
        await using var worker = await WorkerApp.StartAsync(services.StorageConnectionString, services.MailDev.SmtpPort, services.NewPrefix(), reverse);
        using var http = worker.CreateClient();

        foreach (var route in PortalApi.Routes)
        {
            var response = await SendAsync(http, route.Method, PathOf(route.Template));
            // no credentials: a route answers 200, 400 or 401, never the 404/405 of a miss
            Assert.True(response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed),
                $"{route.Method} {PathOf(route.Template)} answered {(int)response.StatusCode}: a route-miss function took it.");
        }
        // the host refuses system routes without the key before any function runs
        Assert.Equal(PortalApi.Routes.Where(r => r.Access != RouteAccess.SystemKey).Select(r => r.Name).Order(StringComparer.Ordinal),
            worker.InvokedFunctions.Where(f => f != "MailOutbox").Order(StringComparer.Ordinal));

        foreach (var path in PortalApi.Routes.GroupBy(r => r.Template))
        {
            var method = RouteMisses.Methods.First(m => m != "HEAD" && path.All(r => r.Method != m));
            var response = await SendAsync(http, method, PathOf(path.Key));
            Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(path.Select(r => r.Method).Order(), response.Content.Headers.Allow.Order());
        }
        var unknown = await SendAsync(http, "DELETE", "/api/users/some-id/activation-mail/more");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(RouteMisses.MethodGroups().Count + 1, worker.InvokedFunctions.Count(f => !PortalApi.Routes.Any(r => r.Name == f) && f != "MailOutbox"));
    }

    private static string PathOf(string template) => $"/{ApiRoutes.Prefix}/{RouteValue().Replace(template, "some-id")}";

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method is "GET" or "HEAD" or "OPTIONS" ? null : new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        return await http.SendAsync(request);
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteValue();
}
